using PartnerPortal.Accounts;

namespace PartnerPortal.Modularity;

/// <summary>
/// What a part of the portal (the host, or a module) adds to the screens every part shares
/// (STYLE 11, after OrchardCore's navigation providers): the shell asks each part, keeps the items
/// the viewer's <see cref="Audience"/> admits and whose module is on, and renders them in
/// <see cref="ShellItem.Order"/>. Removing a module removes its items and nothing else.
/// </summary>
public interface IShellContributions
{
    /// <summary>Links of the main navigation.</summary>
    IEnumerable<NavItem> Navigation { get; }

    /// <summary>Entries of the organization's settings menu.</summary>
    IEnumerable<NavItem> Settings => [];

    /// <summary>Sections of the organization's home page (<c>/dashboard</c>).</summary>
    IEnumerable<ShellSection> HomeSections => [];

    /// <summary>Sections of "Who can see my data" (A5): each part lists the people and partners it lets into the organization.</summary>
    IEnumerable<ShellSection> AccessSections => [];

    /// <summary>Actions of a workspace's page (its menu, e.g. "Invite a consultant"); <c>{workspaceId}</c> in a path is filled in.</summary>
    IEnumerable<NavItem> WorkspaceActions => [];

    /// <summary>Where a person lands after signing in: the first admitted item (lowest order) wins.</summary>
    IEnumerable<NavItem> LandingPages => [];

    /// <summary>Buttons of the impersonation banner (each posts to its path).</summary>
    IEnumerable<NavItem> ImpersonationActions => [];

    /// <summary>Pages the kernel links to by purpose (in e-mails), see <see cref="LinkPurposes"/>.</summary>
    IEnumerable<LinkTemplate> Links => [];
}

/// <summary>Something a part adds to a shared screen, and who sees it.</summary>
public abstract record ShellItem(Audience Who, int Order);

/// <summary>A link (or, for banner actions, a button that posts) with the words a person reads.</summary>
public sealed record NavItem(string Text, string Path, Audience Who, int Order = 100) : ShellItem(Who, Order);

/// <summary>A section of a shared page (the organization's home, "who can see my data"), rendered by the view component named <paramref name="ViewComponent"/>.</summary>
public sealed record ShellSection(string ViewComponent, Audience Who, int Order = 100) : ShellItem(Who, Order);

/// <summary>
/// A page the kernel links to by <paramref name="Purpose"/> without knowing its route: the path
/// template's <c>{name}</c> placeholders are filled by the caller's values.
/// </summary>
public sealed record LinkTemplate(string Purpose, string PathTemplate, Audience Who) : ShellItem(Who, 0);

/// <summary>The purposes the kernel asks links for.</summary>
public static class LinkPurposes
{
    /// <summary>Where a partner changes one of its clients' plans (the over-limit copy to a reseller); values: <c>clientId</c>.</summary>
    public const string PartnerClientPlan = "partner.client-plan";

    /// <summary>Where the consultant who built a solution suspends or reactivates it (C9); values: <c>solutionId</c>.</summary>
    public const string SolutionSuspension = "solution.suspension";
}
