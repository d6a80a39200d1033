using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace ChatOpsIncidents.TestSupport;

/// <summary>
/// Debian's headless chromium driven by its chromedriver (packages <c>chromium</c> and <c>chromium-driver</c>; or
/// <c>CHROMIUM_BIN</c> and <c>CHROMEDRIVER_BIN</c>), with its own throwaway profile. Skips the test (fails it under CI=true)
/// when either is missing. Screenshots go to <c>TestResults/screenshots/</c> at the repository's root.
/// </summary>
public sealed class ChromiumBrowser : IDisposable
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(15);
    private readonly DirectoryInfo _profile;

    private ChromiumBrowser(ChromeDriver driver, DirectoryInfo profile)
    {
        Driver = driver;
        _profile = profile;
    }

    public ChromeDriver Driver { get; }

    /// <summary>A browser with a window of <paramref name="width"/> × <paramref name="height"/> CSS pixels.</summary>
    public static ChromiumBrowser Start(int width = 1280, int height = 900)
    {
        string? browser = Executables.FromEnvironmentOrPath("CHROMIUM_BIN", "chromium", "chromium-browser");
        string? driverPath = Executables.FromEnvironmentOrPath("CHROMEDRIVER_BIN", "chromedriver");
        if (browser is null || driverPath is null)
        {
            RealServers.Unavailable("chromium and chromedriver are not installed (Debian: apt-get install chromium chromium-driver).");
        }
        ChromeDriverService service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driverPath)!, Path.GetFileName(driverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        DirectoryInfo profile = Directory.CreateTempSubdirectory("chromium-test-");
        var options = new ChromeOptions { BinaryLocation = browser };
        // No sandbox: CI runs as root, where chromium refuses to start with one. Only pages of the bot on 127.0.0.1 are opened.
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            $"--window-size={width},{height}", $"--user-data-dir={profile.FullName}");
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
        return new ChromiumBrowser(driver, profile);
    }

    /// <summary>Waits up to 15 s for <paramref name="condition"/>, failing with <paramref name="what"/>.</summary>
    public void WaitUntil(Func<IWebDriver, bool> condition, string what)
    {
        var wait = new WebDriverWait(Driver, s_patience) { Message = $"Timed out waiting for {what}." };
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException)); // a page that refreshes itself swaps elements out
        wait.Until(condition);
    }

    /// <summary>Saves what the window shows as <c>TestResults/screenshots/{name}.png</c>; returns the file's path.</summary>
    public string SaveScreenshot(string name)
    {
        string folder = Path.Combine(RepositoryRoot(), "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, name + ".png");
        Driver.GetScreenshot().SaveAsFile(path);
        return path;
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        _profile.Delete(recursive: true);
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ChatOpsIncidents.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No ChatOpsIncidents.sln above {AppContext.BaseDirectory}.");
    }
}
