namespace Ditto.Models.Tests.Support;

/// <summary>A theory that runs only when DITTO_SLOW_TESTS=1 (reference checks that take minutes on the float kernels).</summary>
public sealed class SlowTheoryAttribute : TheoryAttribute
{
    /// <summary>Skips unless the variable is set.</summary>
    public SlowTheoryAttribute()
    {
        if (Environment.GetEnvironmentVariable("DITTO_SLOW_TESTS") != "1")
        {
            Skip = "Slow reference check: set DITTO_SLOW_TESTS=1 to run it.";
        }
    }
}
