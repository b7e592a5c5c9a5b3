namespace PartnerPortal.E2E.Hosting;

/// <summary>
/// A <see cref="PortalFixture"/> whose pages can be asked for in any theme with
/// <see cref="PortalHost.ThemeHeader"/> (the theme picker's per-request preview), for checks that
/// must hold in every theme whatever theme an organization chose.
/// </summary>
public sealed class ThemedPortalFixture() : PortalFixture(new PortalHost { ThemeFromHeader = true });
