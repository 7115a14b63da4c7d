using Ditto.Models.Tests.Support;

namespace Ditto.Models.Tests.Architecture;

/// <summary>README's example is the sample the solution builds: the model shown is the model compiled.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void TheReadmesModelIsTheGettingStartedSample()
    {
        var readme = File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "README.md")).ReplaceLineEndings("\n");
        var sample = File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "samples", "GettingStarted", "TinyClassifier.cs")).ReplaceLineEndings("\n");
        var model = sample[sample.IndexOf("[SecureModel", StringComparison.Ordinal)..].TrimEnd();
        Assert.Contains(model, readme, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project samples/GettingStarted", readme, StringComparison.Ordinal);
    }
}
