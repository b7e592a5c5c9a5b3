using PartnerPortal.Modularity;

namespace PartnerPortal.Web;

/// <summary>The one place the host lists its feature modules.</summary>
public static class PortalModuleList
{
    public static List<IPortalModule> Create() => [new PartnerPortal.Solutions.SolutionsModule(), new PartnerPortal.Resellers.ResellersModule(), new PartnerPortal.ConsultantSeats.ConsultantSeatsModule(), new PartnerPortal.PartnerTiers.PartnerTiersModule()];
}
