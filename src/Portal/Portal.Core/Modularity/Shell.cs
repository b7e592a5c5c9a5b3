using PartnerPortal.Accounts;

namespace PartnerPortal.Modularity;

/// <summary>
/// Every shell item of the host and the installed modules, each with the module it came from,
/// in <see cref="ShellItem.Order"/> (then the order the host listed the modules). Built once.
/// </summary>
public sealed class ShellCatalog
{
    public ShellCatalog(IShellContributions host, InstalledModules modules)
    {
        var parts = new List<(IShellContributions Part, string? Module)> { (host, null) };
        parts.AddRange(modules.All.Select(m => ((IShellContributions)m, (string?)m.Name)));
        Navigation = Collect(parts, p => p.Navigation);
        Settings = Collect(parts, p => p.Settings);
        HomeSections = Collect(parts, p => p.HomeSections);
        AccessSections = Collect(parts, p => p.AccessSections);
        WorkspaceActions = Collect(parts, p => p.WorkspaceActions);
        LandingPages = Collect(parts, p => p.LandingPages);
        ImpersonationActions = Collect(parts, p => p.ImpersonationActions);
        Links = Collect(parts, p => p.Links);
    }

    public IReadOnlyList<Entry<NavItem>> Navigation { get; }

    public IReadOnlyList<Entry<NavItem>> Settings { get; }

    public IReadOnlyList<Entry<ShellSection>> HomeSections { get; }

    public IReadOnlyList<Entry<ShellSection>> AccessSections { get; }

    public IReadOnlyList<Entry<NavItem>> WorkspaceActions { get; }

    public IReadOnlyList<Entry<NavItem>> LandingPages { get; }

    public IReadOnlyList<Entry<NavItem>> ImpersonationActions { get; }

    public IReadOnlyList<Entry<LinkTemplate>> Links { get; }

    /// <summary>
    /// The path of the page serving <paramref name="purpose"/> in <paramref name="organization"/>
    /// (its module on there), with <paramref name="values"/> filled in; null when no installed part serves it.
    /// </summary>
    public string? LinkFor(string purpose, Tenancy.TenantInfo organization, IReadOnlyDictionary<string, string> values)
    {
        var entry = Links.FirstOrDefault(e => e.Item.Purpose == purpose && (e.Module is null || organization.IsModuleOn(e.Module)));
        if (entry is null) return null;
        var path = entry.Item.PathTemplate;
        foreach (var (name, value) in values) path = path.Replace("{" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
        return path;
    }

    /// <summary>An item and the module that contributed it (null: the host).</summary>
    public sealed record Entry<T>(T Item, string? Module) where T : ShellItem;

    private static List<Entry<T>> Collect<T>(List<(IShellContributions Part, string? Module)> parts, Func<IShellContributions, IEnumerable<T>> items) where T : ShellItem =>
        parts.SelectMany(p => items(p.Part).Select(item => new Entry<T>(item, p.Module)))
            .Select((entry, index) => (entry, index))
            .OrderBy(e => e.entry.Item.Order).ThenBy(e => e.index)
            .Select(e => e.entry)
            .ToList();
}

/// <summary>
/// The shell as one viewer sees it, for one request: the catalog's items their audience admits,
/// without those of modules switched off for the host's organization. Layouts, partials and the
/// host's pages render what it returns.
/// </summary>
public sealed class Shell(ShellCatalog catalog, CurrentMember member)
{
    private Viewer? _viewer;

    public async Task<Viewer> ViewerAsync(CancellationToken cancellationToken = default) => _viewer ??= await member.ViewerAsync(cancellationToken);

    public Task<IReadOnlyList<NavItem>> NavigationAsync(CancellationToken cancellationToken = default) => VisibleAsync(catalog.Navigation, cancellationToken);

    public Task<IReadOnlyList<NavItem>> SettingsAsync(CancellationToken cancellationToken = default) => VisibleAsync(catalog.Settings, cancellationToken);

    public Task<IReadOnlyList<ShellSection>> HomeSectionsAsync(CancellationToken cancellationToken = default) => VisibleAsync(catalog.HomeSections, cancellationToken);

    public Task<IReadOnlyList<ShellSection>> AccessSectionsAsync(CancellationToken cancellationToken = default) => VisibleAsync(catalog.AccessSections, cancellationToken);

    /// <summary>A workspace page's actions, with the workspace's id in their paths.</summary>
    public async Task<IReadOnlyList<NavItem>> WorkspaceActionsAsync(Guid workspaceId, CancellationToken cancellationToken = default) =>
        (await VisibleAsync(catalog.WorkspaceActions, cancellationToken))
            .Select(a => a with { Path = a.Path.Replace("{workspaceId}", workspaceId.ToString(), StringComparison.Ordinal) })
            .ToList();

    public Task<IReadOnlyList<NavItem>> ImpersonationActionsAsync(CancellationToken cancellationToken = default) => VisibleAsync(catalog.ImpersonationActions, cancellationToken);

    /// <summary>Where the viewer goes after signing in: the first landing page their audience admits, else the host's front page.</summary>
    public async Task<string> LandingPathAsync(CancellationToken cancellationToken = default) => LandingPath(await ViewerAsync(cancellationToken));

    /// <summary>The landing page of <paramref name="viewer"/> (someone who has just signed in, say).</summary>
    public string LandingPath(Viewer viewer) => Visible(catalog.LandingPages, viewer).FirstOrDefault()?.Path ?? "/";

    private async Task<IReadOnlyList<T>> VisibleAsync<T>(IReadOnlyList<ShellCatalog.Entry<T>> entries, CancellationToken cancellationToken) where T : ShellItem =>
        Visible(entries, await ViewerAsync(cancellationToken));

    internal static IReadOnlyList<T> Visible<T>(IReadOnlyList<ShellCatalog.Entry<T>> entries, Viewer viewer) where T : ShellItem =>
        entries
            .Where(e => e.Module is null || viewer.Tenant is null || viewer.Tenant.IsModuleOn(e.Module))
            .Where(e => e.Item.Who.Admits(viewer))
            .Select(e => e.Item)
            .ToList();
}
