namespace PartnerPortal.E2E.Hosting;

/// <summary>The demo organizations' hosts (see Portal.Web's DemoData) on the default platform domain.</summary>
public static class DemoHosts
{
    public const string Platform = "portal.localhost";
    public const string Northwind = "northwind.portal.localhost";

    /// <summary>Contoso Dental's primary host, its verified custom domain.</summary>
    public const string Contoso = "book.contoso-dental.localhost";

    /// <summary>Contoso Dental's subdomain, which redirects to <see cref="Contoso"/>.</summary>
    public const string ContosoSubdomain = "contoso.portal.localhost";

    public const string Fabrikam = "fabrikam.portal.localhost";
    public const string Tailspin = "tailspin.portal.localhost";
}
