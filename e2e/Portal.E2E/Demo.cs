using PartnerPortal.Web.Demo;

namespace PartnerPortal.E2E;

/// <summary>The demo organizations the portal seeds in Development, looked up by name.</summary>
public static class Demo
{
    public static DemoData.DemoOrganization Organization(string name) =>
        DemoData.Organizations.Single(o => o.Name == name);

    public static string OwnerOf(string organization) => Organization(organization).OwnerEmail;
}
