using PartnerPortal.Theming;

namespace PartnerPortal.Branding;

/// <param name="Field">The posted field name.</param>
/// <param name="Selected">The current choice; null is "no choice of its own".</param>
/// <param name="InheritLabel">Offers "no choice of its own" under this label; null hides it.</param>
/// <param name="PreviewPath">The page that previews a theme with <c>?preview=</c>; null offers no preview.</param>
public sealed record ThemePickerView(string Field, string Legend, string? Selected, IReadOnlyList<ThemeManifest> Themes, string? InheritLabel = null, string? PreviewPath = null);
