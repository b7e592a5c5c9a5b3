using System.Diagnostics;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PartnerPortal.Mail;
using PartnerPortal.Theming;

namespace PartnerPortal.Benchmarks;

/// <summary>
/// Branded e-mails rendered from cached (already parsed) Scriban templates, in messages per
/// second: subject, HTML and text parts inside the theme's layouts. The bold theme's own layout
/// against the default theme's, in the same run.
/// </summary>
public static class EmailRenderingScenario
{
    private const int Messages = 5000;

    public static bool Run(TextWriter output)
    {
        var themes = new ThemeCatalog(Options.Create(new ThemeOptions()), new Environment(AppContext.BaseDirectory));
        var renderer = new EmailRenderer(themes);
        var model = new Dictionary<string, string?>
        {
            ["org_name"] = "Smile Portal <Dental> & Co", ["brand_color"] = "#0E7C86", ["accent_color"] = "#B45309",
            ["footer_text"] = "12 Harbour Street", ["support_email"] = "help@branded.test", ["support_url"] = "https://help.branded.test",
            ["support_phone"] = "+1 555 0142", ["logo_url"] = "https://branded.test/branding/logo?v=0123456789abcdef0123",
            ["home_url"] = "https://branded.test/", ["powered_by"] = string.Empty,
            ["email"] = "ann@people.test", ["reset_url"] = "https://branded.test/account/reset-password?user=1&token=abc",
        };

        var rates = new Dictionary<string, double>();
        foreach (var theme in new[] { "default", "bold" })
        {
            for (var i = 0; i < 200; i++) renderer.Render(theme, "password-reset", model); // parse once, JIT
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < Messages; i++) renderer.Render(theme, "password-reset", model);
            rates[theme] = Messages / watch.Elapsed.TotalSeconds;
        }

        output.WriteLine($"E-mail render default theme: {rates["default"],8:0} messages/s");
        output.WriteLine($"              bold theme:    {rates["bold"],8:0} messages/s (ratio {rates["bold"] / rates["default"]:0.00})");
        return true;
    }

    private sealed class Environment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Benchmarks";
        public string ApplicationName { get; set; } = "Benchmarks";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
