using System;

namespace Ditto.Generators.Parsing;

/// <summary>Hooks for tests only (internal): they let a test make the generator fail on purpose, to check that a failure becomes DITTO0010.</summary>
internal static class TestHooks
{
    /// <summary>Called with "Model.Method" before each method body is parsed.</summary>
    public static Action<string>? BeforeMethod { get; set; }
}
