namespace Ditto.Runtime.Transport.Tcp;

/// <summary>A party configuration that cannot be used; the message names the file and the field.</summary>
public sealed class PartyConfigurationException : Exception
{
    /// <summary>Creates the exception for a field of a configuration source.</summary>
    public PartyConfigurationException(string source, string field, string problem)
        : base($"{source}: {field}: {problem}")
    {
        ConfigurationSource = source;
        Field = field;
    }

    /// <summary>The file (or other source) the configuration came from.</summary>
    public string ConfigurationSource { get; }

    /// <summary>The JSON path of the field that is wrong ("parties[1].port").</summary>
    public string Field { get; }
}
