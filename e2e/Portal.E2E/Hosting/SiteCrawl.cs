using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using PartnerPortal.Web.Demo;

namespace PartnerPortal.E2E.Hosting;

/// <summary>
/// Every demo persona walks every page it can reach by following links on its own host, once, for
/// every test of <see cref="PartnerPortal.E2E.EveryPageShould"/>. Each page is loaded once at
/// 1366 px: its sideways overflow is measured, axe-core runs and its HTML is kept for the Nu checker;
/// then the same page is narrowed to 390 px (a reflow, no second request), measured again and
/// photographed. Loading each page once keeps the whole crawl within its time budget.
/// </summary>
public sealed partial class SiteCrawl : IAsyncLifetime
{
    public const int Desktop = 1366;
    public const int Phone = 390;

    /// <summary>A visit per distinct page shape is enough: a second client's page is the same page with other values.</summary>
    private const int MaxPagesPerPersona = 45;

    /// <summary>Pages axe-core has checked, by theme and shape: the same page in the same theme is checked once, whoever views it.</summary>
    private readonly HashSet<string> _axeChecked = new(StringComparer.Ordinal);

    private readonly Dictionary<string, TimeSpan> _timings = new(StringComparer.Ordinal);

    private static readonly Regex NotAPage = NotAPageRegex();

    public PortalFixture Portal { get; } = new();

    public List<PageVisit> Visits { get; } = [];

    /// <summary>The saved HTML of every visited page, one file each, for the Nu HTML checker.</summary>
    public string HtmlFolder { get; } = Path.Combine(Screenshots.OutputFolder, "crawl-html");

    /// <summary>Each page at 390 px, named persona, number, theme (the summary lists the paths).</summary>
    public string ScreenshotFolder { get; } = Path.Combine(Screenshots.OutputFolder, "crawl");

    public TimeSpan Duration { get; private set; }

    public static IReadOnlyList<Persona> Personas { get; } =
    [
        new("visitor", DemoHosts.Platform, null, ["/", "/account/signin", "/partners", "/solution-center"]),
        new("platform-admin", DemoHosts.Platform, DemoData.PlatformAdminEmail, []),
        new("reseller", DemoHosts.Northwind, Demo.OwnerOf("Northwind Partners"), ["/clients", "/settings"]),
        new("consultant", DemoHosts.Northwind, DemoData.ConsultantEmail, []),
        new("consultant-at-contoso", DemoHosts.Contoso, DemoData.ConsultantEmail, []),
        new("contoso-visitor", DemoHosts.Contoso, null, ["/account/signin", "/account/forgot-password"]),
        new("contoso-owner", DemoHosts.Contoso, Demo.OwnerOf("Contoso Dental"), ["/dashboard", "/settings"]),
        new("fabrikam-visitor", DemoHosts.Fabrikam, null, ["/account/signin"]),
        new("fabrikam-owner", DemoHosts.Fabrikam, Demo.OwnerOf("Fabrikam Fitness"), ["/dashboard", "/settings"]),
        new("tailspin-owner", DemoHosts.Tailspin, Demo.OwnerOf("Tailspin Toys"), ["/dashboard", "/settings"]),
        new("adventure-works-owner", "adventure-works.portal.localhost", Demo.OwnerOf("Adventure Works Consulting"), ["/settings"]),
    ];

    public async Task InitializeAsync()
    {
        await Portal.InitializeAsync();
        foreach (var folder in new[] { HtmlFolder, ScreenshotFolder })
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            Directory.CreateDirectory(folder);
        }

        var clock = Stopwatch.StartNew();
        var summary = new List<string>();
        foreach (var persona in Personas)
        {
            var started = clock.Elapsed;
            await CrawlAsync(persona);
            summary.Add(string.Create(CultureInfo.InvariantCulture, $"{persona.Name}: {Visits.Count(v => v.Persona == persona.Name)} pages in {(clock.Elapsed - started).TotalSeconds:0.0} s"));
        }

        Duration = clock.Elapsed;
        summary.Add(string.Create(CultureInfo.InvariantCulture, $"{Visits.Count} pages in {Duration.TotalSeconds:0.0} s ({_axeChecked.Count} checked by axe)"));
        summary.AddRange(_timings.Select(t => string.Create(CultureInfo.InvariantCulture, $"  {t.Key}: {t.Value.TotalSeconds:0.0} s")));
        await File.WriteAllLinesAsync(Path.Combine(Screenshots.OutputFolder, "crawl-summary.txt"), summary.Concat(Visits.Select(v => $"{v.FileName} {v.Theme} {v.Path}")));
    }

    public async Task DisposeAsync() => await Portal.DisposeAsync();

    private async Task CrawlAsync(Persona persona)
    {
        var context = await Portal.NewContextAsync();
        try
        {
            var page = await context.NewPageAsync();
            await page.SetViewportSizeAsync(Desktop, 900);
            var origin = Portal.Host.Url(persona.Host, string.Empty);
            var queue = new Queue<string>(persona.Seeds.Select(s => origin + s));
            if (persona.Email is { } email)
            {
                await page.GotoAsync(origin + "/account/signin");
                await page.GetByLabel("E-mail").FillAsync(email);
                await page.GetByLabel("Password").FillAsync(DemoData.Password);
                await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
                await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/account/signin", StringComparison.Ordinal));
                queue.Enqueue(page.Url);
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            var visited = 0;
            while (queue.TryDequeue(out var url) && visited < MaxPagesPerPersona)
            {
                if (!seen.Add(Shape(url))) continue;
                IResponse? response;
                try
                {
                    response = await Timed("load", () => page.GotoAsync(url));
                }
                catch (PlaywrightException e) when (e.Message.StartsWith("Download is starting", StringComparison.Ordinal))
                {
                    continue; // a file (a package, an export), not a page
                }

                if (response is null || response.Status != 200 || !(response.Headers.TryGetValue("content-type", out var type) && type.StartsWith("text/html", StringComparison.Ordinal)))
                {
                    continue;
                }

                // A link may redirect to a page already seen (a sign-in page, a primary host).
                if (page.Url != url && !seen.Add(Shape(page.Url))) continue;
                if (new Uri(page.Url).Host != persona.Host) continue;
                visited++;
                Visits.Add(await VisitAsync(page, persona, visited, await response.TextAsync()));
                foreach (var link in await page.EvaluateAsync<string[]>(LinksScript))
                {
                    if (Uri.TryCreate(link, UriKind.Absolute, out var target) && target.Host == persona.Host && !NotAPage.IsMatch(target.PathAndQuery))
                    {
                        queue.Enqueue(target.GetLeftPart(UriPartial.Query));
                    }
                }
            }
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    private async Task<PageVisit> VisitAsync(IPage page, Persona persona, int number, string html)
    {
        var path = new Uri(page.Url).PathAndQuery;
        var name = $"{persona.Name}-{number:00}";
        await File.WriteAllTextAsync(Path.Combine(HtmlFolder, name + ".html"), html);
        var theme = await page.Locator("body").GetAttributeAsync("data-theme") ?? "none";

        var desktop = await page.EvaluateAsync<Overflow>(OverflowScript);
        var findings = _axeChecked.Add($"{theme} {Shape(page.Url, withHost: false)}") ? await Timed("axe", () => AxeFindingsAsync(page)) : [];

        await page.SetViewportSizeAsync(Phone, 844);
        var phone = await page.EvaluateAsync<Overflow>(OverflowScript);
        await Timed("screenshot", () => page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}-{theme}-{Phone}.png"), FullPage = true }));
        await page.SetViewportSizeAsync(Desktop, 900);

        return new PageVisit(persona.Name, theme, path, name, desktop, phone, findings);
    }

    /// <summary>
    /// WCAG 2.0 and 2.1 A and AA rules, axe's default set (WCAG 2.2's target-size is not on by
    /// default and not yet met: small summaries and inline links); only violations and "needs
    /// review" results carry their nodes, which keeps each run short.
    /// </summary>
    private static readonly AxeRunOptions AxeOptions = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        ResultTypes = [ResultType.Violations, ResultType.Incomplete],
    };

    /// <summary>axe-core's serious and critical violations, and its "needs review" colour results decided by computing the contrast.</summary>
    private static async Task<List<string>> AxeFindingsAsync(IPage page)
    {
        var axe = await page.RunAxe(AxeOptions);
        var findings = axe.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .SelectMany(v => v.Nodes.Select(n => $"{v.Id} ({v.Impact}): {v.Help} at {n.Target} {Shorten(n.Html)}"))
            .ToList();
        foreach (var review in axe.Incomplete.Where(i => i.Id == "color-contrast"))
        {
            foreach (var node in review.Nodes)
            {
                // axe could not decide (a background it cannot see through): compute it from the styles the browser applied.
                var verdict = await page.EvaluateAsync<string?>(ContrastScript, node.Target.ToString());
                if (verdict is not null) findings.Add($"color-contrast (needs review, computed): {verdict} at {node.Target} {Shorten(node.Html)}");
            }
        }

        return findings;
    }

    private async Task<T> Timed<T>(string step, Func<Task<T>> action)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            return await action();
        }
        finally
        {
            _timings[step] = _timings.GetValueOrDefault(step) + clock.Elapsed;
        }
    }

    private static string Shorten(string html) => html.Length <= 160 ? html : html[..160] + "…";

    /// <summary>
    /// The page's shape: ids become {id} and the query is dropped (sorting, paging, filters show the
    /// same page with other rows), so each kind of page is visited once per persona.
    /// </summary>
    private static string Shape(string url, bool withHost = true)
    {
        var uri = new Uri(url);
        var path = IdSegment().Replace(uri.AbsolutePath.TrimEnd('/'), "/{id}");
        return withHost ? uri.Host + path : path;
    }

    private const string LinksScript = "() => [...document.querySelectorAll('a[href]')].filter(a => !a.hasAttribute('download')).map(a => a.href.split('#')[0])";

    /// <summary>How wide the document is against the viewport, and the innermost elements that stick out (for the failure message).</summary>
    private const string OverflowScript = """
        () => {
            const root = document.documentElement;
            const limit = root.clientWidth;
            const out = [...document.body.querySelectorAll('*')]
                .filter(el => el.getBoundingClientRect().right > limit + 1 && el.getClientRects().length > 0 && !el.closest('.table-scroll'))
                .filter(el => ![...el.children].some(c => c.getBoundingClientRect().right > limit + 1))
                .slice(0, 4)
                .map(el => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} (right ${Math.round(el.getBoundingClientRect().right)})`);
            return { scrollWidth: root.scrollWidth, clientWidth: limit, offenders: out };
        }
        """;

    /// <summary>
    /// WCAG contrast of an element's text against the first opaque background behind it: null when it
    /// reads (4.5:1, or 3:1 for large text), otherwise what was measured.
    /// </summary>
    private const string ContrastScript = """
        selector => {
            const el = document.querySelector(selector);
            if (!el) return null;
            const parse = c => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null; const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
            const lum = c => [c.r, c.g, c.b].map(v => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
            const style = getComputedStyle(el);
            const fg = parse(style.color);
            let bg = null;
            for (let node = el; node; node = node.parentElement) {
                const s = getComputedStyle(node);
                if (s.backgroundImage !== 'none') return `a background image behind text (${s.backgroundImage.slice(0, 60)})`;
                const c = parse(s.backgroundColor);
                if (c && c.a >= 0.99) { bg = c; break; }
            }
            bg = bg ?? { r: 255, g: 255, b: 255, a: 1 };
            const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
            const ratio = (hi + 0.05) / (lo + 0.05);
            const size = parseFloat(style.fontSize);
            const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
            return ratio >= (large ? 3 : 4.5) ? null : `${ratio.toFixed(2)}:1 (${style.color} on rgb(${bg.r}, ${bg.g}, ${bg.b}))`;
        }
        """;

    /// <summary>Downloads, hand-overs and images: not pages to look at.</summary>
    [GeneratedRegex(@"(export|\.csv|\.xlsx|\.json|download|/_impersonate|/branding/(logo|favicon)|favicon|/health/)", RegexOptions.IgnoreCase)]
    private static partial Regex NotAPageRegex();

    [GeneratedRegex(@"/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+)(?=/|$)", RegexOptions.IgnoreCase)]
    private static partial Regex IdSegment();

    public sealed record Persona(string Name, string Host, string? Email, IReadOnlyList<string> Seeds);

    /// <summary>Filled by Playwright from the script's result (it needs settable properties).</summary>
    public sealed class Overflow
    {
        public int ScrollWidth { get; set; }

        public int ClientWidth { get; set; }

        public string[] Offenders { get; set; } = [];

        public bool Fits => ScrollWidth <= ClientWidth;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{ScrollWidth} px in {ClientWidth} px ({string.Join(", ", Offenders)})");
    }

    public sealed record PageVisit(string Persona, string Theme, string Path, string FileName, Overflow Desktop, Overflow Phone, IReadOnlyList<string> AxeFindings);
}
