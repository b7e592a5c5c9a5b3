using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using PartnerPortal.Web.Demo;

namespace PartnerPortal.E2E.Hosting;

/// <summary>
/// Every demo persona walks every page it can reach by following links on its own host, in its own
/// organization's theme, and loads each page it finds in the two other themes too (the host sets the
/// theme from <see cref="PortalHost.ThemeHeader"/>, the theme picker's preview mechanism, so the page
/// really renders with that theme's layouts and stylesheet). Each page is loaded once per theme:
/// its sideways overflow is measured at 1366 px and at 390 px (a resize, no second request) and its
/// HTML is kept for the Nu checker. axe-core runs at 1366 px once per theme and page shape, whoever
/// views it, and in the persona's own theme the phone's first screen is photographed once per page
/// shape. All personas walk at once, each in its own browser context of the one shared browser,
/// sharing <see cref="Workers"/> slots for page loads, which keeps the whole crawl within its time budget.
/// </summary>
public sealed partial class SiteCrawl : IAsyncLifetime
{
    public const int Desktop = 1366;
    public const int Phone = 390;

    /// <summary>The themes every page is checked in.</summary>
    public static IReadOnlyList<string> Themes { get; } = ["bold", "default", "ledger"];

    /// <summary>A visit per distinct page shape is enough: a second client's page is the same page with other values.</summary>
    private const int MaxPagesPerPersona = 45;

    /// <summary>
    /// Pages loaded at once (one per browser page, in the persona's context). Measured on the
    /// 2-core machine: most of a visit is axe-core's work in Chromium and the portal's rendering,
    /// which overlap across pages.
    /// </summary>
    private const int Workers = 3;

    /// <summary>Pages axe-core has checked, by theme and shape: the same page in the same theme is checked once, whoever views it.</summary>
    private readonly HashSet<string> _axeChecked = new(StringComparer.Ordinal);

    private readonly Dictionary<string, TimeSpan> _timings = new(StringComparer.Ordinal);

    private readonly Lock _gate = new();

    private readonly SemaphoreSlim _workers = new(Workers);

    private static readonly Regex NotAPage = NotAPageRegex();

    public PortalFixture Portal { get; } = new ThemedPortalFixture();

    public List<PageVisit> Visits { get; } = [];

    /// <summary>The saved HTML of every visited page, one file each, for the Nu HTML checker.</summary>
    public string HtmlFolder { get; } = Path.Combine(Screenshots.OutputFolder, "crawl-html");

    /// <summary>Each page shape's first screen at 390 px, per theme, named persona, number, theme (the summary lists the paths).</summary>
    public string ScreenshotFolder { get; } = Path.Combine(Screenshots.OutputFolder, "crawl");

    public TimeSpan Duration { get; private set; }

    /// <summary>Every overflow and axe finding, one a line, appended as the crawl finds it.</summary>
    public string FindingsFile { get; } = Path.Combine(Screenshots.OutputFolder, "crawl-findings.txt");

    /// <summary>The largest walks first, so the pool of workers ends together.</summary>
    public static IReadOnlyList<Persona> Personas { get; } =
    [
        new("reseller", DemoHosts.Northwind, Demo.OwnerOf("Northwind Partners"), ["/clients", "/settings"]),
        new("platform-admin", DemoHosts.Platform, DemoData.PlatformAdminEmail, []),
        new("contoso-owner", DemoHosts.Contoso, Demo.OwnerOf("Contoso Dental"), ["/dashboard", "/settings"]),
        new("adventure-works-owner", "adventure-works.portal.localhost", Demo.OwnerOf("Adventure Works Consulting"), ["/settings"]),
        new("fabrikam-owner", DemoHosts.Fabrikam, Demo.OwnerOf("Fabrikam Fitness"), ["/dashboard", "/settings"]),
        new("tailspin-owner", DemoHosts.Tailspin, Demo.OwnerOf("Tailspin Toys"), ["/dashboard", "/settings"]),
        new("consultant", DemoHosts.Northwind, DemoData.ConsultantEmail, []),
        new("consultant-at-contoso", DemoHosts.Contoso, DemoData.ConsultantEmail, []),
        new("visitor", DemoHosts.Platform, null, ["/", "/account/signin", "/partners", "/solution-center"]),
        new("contoso-visitor", DemoHosts.Contoso, null, ["/account/signin", "/account/forgot-password"]),
        new("fabrikam-visitor", DemoHosts.Fabrikam, null, ["/account/signin"]),
    ];

    public async Task InitializeAsync()
    {
        await Portal.InitializeAsync();
        File.Delete(FindingsFile);
        foreach (var folder in new[] { HtmlFolder, ScreenshotFolder })
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            Directory.CreateDirectory(folder);
        }

        var clock = Stopwatch.StartNew();
        var summary = await Task.WhenAll(Personas.Select(async persona =>
        {
            var started = clock.Elapsed;
            await CrawlAsync(persona);
            var finished = clock.Elapsed;
            lock (_gate)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{persona.Name}: {Visits.Count(v => v.Persona == persona.Name)} pages ({string.Join(", ", Visits.Where(v => v.Persona == persona.Name).CountBy(v => v.Theme).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Value} {c.Key}"))}) from {started.TotalSeconds:0.0} s to {finished.TotalSeconds:0.0} s");
            }
        }));

        Duration = clock.Elapsed;
        var lines = summary.ToList();
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"{Visits.Count} pages in {Duration.TotalSeconds:0.0} s with {Workers} workers ({_axeChecked.Count} checked by axe)"));
        lines.AddRange(_timings.Select(t => string.Create(CultureInfo.InvariantCulture, $"  {t.Key}: {t.Value.TotalSeconds:0.0} s (summed over workers)")));
        await File.WriteAllLinesAsync(Path.Combine(Screenshots.OutputFolder, "crawl-summary.txt"), lines.Concat(Visits.OrderBy(v => v.FileName, StringComparer.Ordinal).Select(v => $"{v.FileName} {v.Theme} {v.Path}")));
    }

    public async Task DisposeAsync()
    {
        _workers.Dispose();
        await Portal.DisposeAsync();
    }

    /// <summary>
    /// One persona: follows links in its organization's theme on one tab and, as each page is found,
    /// loads it in the two other themes on two more tabs. Every load waits for one of the
    /// <see cref="Workers"/> slots, so the personas share the machine evenly.
    /// </summary>
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
                await Slot(async () =>
                {
                    await page.GotoAsync(origin + "/account/signin");
                    await page.GetByLabel("E-mail").FillAsync(email);
                    await page.GetByLabel("Password").FillAsync(DemoData.Password);
                    await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
                    // Only the URL is needed (the walk loads it again). Waiting for its load event as well once timed
                    // out on a loaded CI machine after the page had loaded ("NetworkIdle event fired", no "load").
                    await page.WaitForURLAsync(
                        url => !new Uri(url).AbsolutePath.StartsWith("/account/signin", StringComparison.Ordinal),
                        new() { WaitUntil = WaitUntilState.Commit });
                    return true;
                });
                queue.Enqueue(page.Url);
            }

            Dictionary<string, IPage>? otherThemes = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var visited = 0;
            while (queue.TryDequeue(out var url) && visited < MaxPagesPerPersona)
            {
                if (!seen.Add(Shape(url))) continue;
                var found = await Slot(async () =>
                {
                    IResponse? response;
                    try
                    {
                        response = await Timed("load", () => page.GotoAsync(url));
                    }
                    catch (PlaywrightException e) when (e.Message.StartsWith("Download is starting", StringComparison.Ordinal))
                    {
                        return null; // a file (a package, an export), not a page
                    }

                    if (response is null || response.Status != 200 || !(response.Headers.TryGetValue("content-type", out var type) && type.StartsWith("text/html", StringComparison.Ordinal)))
                    {
                        return null;
                    }

                    // A link may redirect to a page already seen (a sign-in page, a primary host).
                    if (page.Url != url && !seen.Add(Shape(page.Url))) return null;
                    if (new Uri(page.Url).Host != persona.Host) return null;
                    var visit = await VisitAsync(page, persona, visited + 1, await response.TextAsync(), ownTheme: true);
                    foreach (var link in await page.EvaluateAsync<string[]>(LinksScript))
                    {
                        if (Uri.TryCreate(link, UriKind.Absolute, out var target) && target.Host == persona.Host && !NotAPage.IsMatch(target.PathAndQuery))
                        {
                            queue.Enqueue(target.GetLeftPart(UriPartial.Query));
                        }
                    }

                    return new { page.Url, visit.Theme };
                });
                if (found is null) continue;
                visited++;

                // The same page in the other themes, each on its own tab that asks for its theme.
                otherThemes ??= await OtherThemeTabsAsync(context, found.Theme);
                var number = visited;
                await Task.WhenAll(otherThemes.Select(t => Slot(() => RevisitAsync(t.Value, persona, found.Url, number, t.Key))));
            }
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    private static async Task<Dictionary<string, IPage>> OtherThemeTabsAsync(IBrowserContext context, string ownTheme)
    {
        var tabs = new Dictionary<string, IPage>(StringComparer.Ordinal);
        foreach (var theme in Themes.Where(t => t != ownTheme))
        {
            var tab = await context.NewPageAsync();
            await tab.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { [PortalHost.ThemeHeader] = theme });
            await tab.SetViewportSizeAsync(Desktop, 900);
            tabs[theme] = tab;
        }

        return tabs;
    }

    /// <summary>A page the persona reached, rendered in <paramref name="theme"/>: it must answer as in the persona's own theme.</summary>
    private async Task<PageVisit> RevisitAsync(IPage page, Persona persona, string url, int number, string theme)
    {
        var response = await Timed("load", () => page.GotoAsync(url));
        if (response is null || response.Status != 200 || page.Url != url)
        {
            throw new InvalidOperationException($"{persona.Name}'s page {url} answered {response?.Status} at {page.Url} in the {theme} theme, unlike in its own.");
        }

        return await VisitAsync(page, persona, number, await response.TextAsync(), ownTheme: false);
    }

    /// <summary>Runs one step of a crawl in one of the <see cref="Workers"/> slots.</summary>
    private async Task<T> Slot<T>(Func<Task<T>> step)
    {
        await _workers.WaitAsync();
        try
        {
            return await step();
        }
        finally
        {
            _workers.Release();
        }
    }

    /// <summary>
    /// Measures the page at both widths, starting with the one the tab is at (a page loads at the width the
    /// previous visit ended with, which saves a resize per visit). axe-core runs at 1366 px and the screenshot
    /// is taken at 390 px, each once per theme and page shape.
    /// </summary>
    private async Task<PageVisit> VisitAsync(IPage page, Persona persona, int number, string html, bool ownTheme)
    {
        var path = new Uri(page.Url).PathAndQuery;
        var first = await Timed("measure", () => page.EvaluateAsync<Overflow>(OverflowScript));
        var theme = first.Theme ?? "none";
        var name = $"{persona.Name}-{number:00}-{theme}";
        await File.WriteAllTextAsync(Path.Combine(HtmlFolder, name + ".html"), html);

        bool firstOfShape;
        lock (_gate) firstOfShape = _axeChecked.Add($"{theme} {Shape(page.Url, withHost: false)}");
        // One photograph a page shape, in the theme the persona's organization chose: the other two themes'
        // shots tripled the screenshots' time and showed what their widths and axe already prove.
        var photograph = firstOfShape && ownTheme;
        List<string> findings = [];
        Overflow desktop, phone;
        if (first.ClientWidth > Phone)
        {
            desktop = first;
            if (firstOfShape) findings = await Timed("axe", () => AxeFindingsAsync(page));
            phone = await MeasureAtAsync(page, Phone, 844);
            if (photograph) await PhotographAsync(page, name);
        }
        else
        {
            phone = first;
            if (photograph) await PhotographAsync(page, name);
            desktop = await MeasureAtAsync(page, Desktop, 900);
            if (firstOfShape) findings = await Timed("axe", () => AxeFindingsAsync(page));
        }

        var visit = new PageVisit(persona.Name, theme, path, name, desktop, phone, findings);
        var problems = findings.Select(f => $"{name} {path}: {f}")
            .Concat(new[] { (Desktop, desktop), (Phone, phone) }.Where(m => !m.Item2.Fits).Select(m => $"{name} {path}: {m.Item1} px wide: {m.Item2}"))
            .ToList();
        lock (_gate)
        {
            Visits.Add(visit);
            // Written as found, so a long crawl's problems can be read while it runs.
            if (problems.Count > 0) File.AppendAllLines(FindingsFile, problems);
        }

        return visit;
    }

    private Task<Overflow> MeasureAtAsync(IPage page, int width, int height) => Timed("resize and measure", async () =>
    {
        await page.SetViewportSizeAsync(width, height);
        return await page.EvaluateAsync<Overflow>(OverflowScript);
    });

    /// <summary>
    /// The phone's first screen, as JPEG: a full-page PNG of every page took 320 of the crawl's summed
    /// seconds, and the widths are measured over the whole page anyway.
    /// </summary>
    private Task<byte[]> PhotographAsync(IPage page, string name) =>
        Timed("screenshot", () => page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}-{Phone}.jpg"), Type = ScreenshotType.Jpeg, Quality = 70 }));

    /// <summary>
    /// WCAG 2.0, 2.1 and 2.2 A and AA rules (2.2 adds target-size: every control at least 24 by 24
    /// CSS pixels or spaced as far); only violations and "needs review" results carry their nodes,
    /// which keeps each run short.
    /// </summary>
    private static readonly AxeRunOptions AxeOptions = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        ResultTypes = [ResultType.Violations, ResultType.Incomplete],
    };

    /// <summary>
    /// axe-core's serious and critical violations, and its "needs review" colour results decided by computing
    /// the contrast. axe runs in the page itself (the package's legacy mode): its default mode finishes every
    /// run in a new browser page with a second copy of axe-core, which isolates the results of cross-origin
    /// frames from the page's scripts. The portal's pages have no frames, and that page per run made axe half
    /// of the crawl's time.
    /// </summary>
    internal static async Task<List<string>> AxeFindingsAsync(IPage page)
    {
#pragma warning disable CS0618 // Obsolete "in the future"; 4.14.0 is pinned and its default mode is the cost described above.
        var axe = await page.Locator("html").RunAxeLegacy(AxeOptions);
#pragma warning restore CS0618
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
            lock (_gate) _timings[step] = _timings.GetValueOrDefault(step) + clock.Elapsed;
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
            return { scrollWidth: root.scrollWidth, clientWidth: limit, offenders: out, theme: document.body.getAttribute('data-theme') };
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

        /// <summary>The body's data-theme: the theme the page really rendered in.</summary>
        public string? Theme { get; set; }

        public bool Fits => ScrollWidth <= ClientWidth;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{ScrollWidth} px in {ClientWidth} px ({string.Join(", ", Offenders)})");
    }

    public sealed record PageVisit(string Persona, string Theme, string Path, string FileName, Overflow Desktop, Overflow Phone, IReadOnlyList<string> AxeFindings);
}
