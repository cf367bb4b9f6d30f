using Xunit;

namespace CpuCompat.TestSupport;

/// <summary>
/// Debian's Chromium, headless, as the real browser HTML reports are checked in: the DOM after the page has loaded
/// and run its script, and a screenshot. Tests that need it skip, saying why, where it is not installed (.ci/run
/// installs it).
/// </summary>
public static class Chromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string Path
    {
        get
        {
            var found = Candidates.FirstOrDefault(File.Exists);
            if (found is null)
            {
                Assert.Skip("Chromium is not installed, so the HTML report cannot be rendered in a real browser: apt-get install chromium (.ci/run installs it).");
            }

            return found!;
        }
    }

    /// <summary>The page's DOM as Chromium serialises it once loaded (after its load handlers ran).</summary>
    public static string DumpDom(string page) => Run(["--dump-dom", new Uri(page).AbsoluteUri]).Stdout;

    /// <summary>Renders the page at the given window size into a PNG file.</summary>
    public static void Screenshot(string page, string png, int width = 1400, int height = 2000)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(png)!);
        Run([$"--screenshot={png}", $"--window-size={width},{height}", new Uri(page).AbsoluteUri]);
        Assert.True(File.Exists(png), $"Chromium wrote no screenshot of {page}");
    }

    private static ChildResult Run(IEnumerable<string> arguments)
    {
        using var profile = new TempDirectory();
        // No sandbox: tests run as root in CI containers, where Chromium's sandbox cannot start.
        string[] common = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", $"--user-data-dir={profile.Path}"];
        var run = ChildProcess.Run(Path, [.. common, .. arguments], timeout: Timeout);
        Assert.True(run.ExitCode == 0, $"chromium failed (exit {run.ExitCode}): {run.Stderr}");
        return run;
    }
}
