using Microsoft.EntityFrameworkCore;

namespace PartnerPortal.Resellers;

/// <summary>The module's tables, all prefixed <c>Resellers_</c>.</summary>
internal static class ResellersModel
{
    public static void Configure(ModelBuilder model)
    {
        Impersonation.ImpersonationModel.Configure(model);
    }
}
