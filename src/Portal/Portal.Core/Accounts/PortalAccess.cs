using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.Extensions.Logging;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Accounts;

/// <summary>
/// A reason a suspended organization's hosts show nothing at all (a client its reseller deleted,
/// during the grace period before it is purged). The access gate asks every registered one, and
/// only for suspended organizations.
/// </summary>
public interface IClosedOrganizations
{
    Task<bool> IsClosedAsync(Guid organizationId, CancellationToken cancellationToken);
}

/// <summary>Endpoint metadata: the endpoint belongs to a module, and answers 404 where that module is switched off.</summary>
public sealed record OfModule(string Name);

/// <summary>
/// Page conventions that say who may open the pages of a folder (as ASP.NET Core Identity UI
/// secures its area): the host and each module register them for their own pages, broad folders
/// first, single pages after, and the last audience that matches a page is the one it gets. A page
/// no convention covers answers 404, so a forgotten declaration fails closed.
/// </summary>
/// <remarks>
/// The decision is kept on the page's route model and written onto every route of the page by
/// <see cref="StampAccessMetadata"/>, which the host adds last: so routes added by other
/// conventions (<c>AddPageRoute</c>) carry it too, and the endpoint data source shows it before any
/// page is loaded (the isolation test enumerates it).
/// </remarks>
public static class PortalPageConventions
{
    /// <summary>Pages of the host under <paramref name="folder"/> (no area).</summary>
    public static PageConventionCollection Allow(this PageConventionCollection conventions, string folder, Audience who)
    {
        conventions.AddFolderRouteModelConvention(folder, page => page.Properties[typeof(Audience)] = who);
        return conventions;
    }

    /// <summary>One page of the host, e.g. <c>/Settings/Audit</c>.</summary>
    public static PageConventionCollection AllowPage(this PageConventionCollection conventions, string page, Audience who)
    {
        conventions.AddPageRouteModelConvention(page, model => model.Properties[typeof(Audience)] = who);
        return conventions;
    }

    /// <summary>Pages of <paramref name="area"/> under <paramref name="folder"/>.</summary>
    public static PageConventionCollection AllowArea(this PageConventionCollection conventions, string area, string folder, Audience who)
    {
        conventions.AddAreaFolderRouteModelConvention(area, folder, page => page.Properties[typeof(Audience)] = who);
        return conventions;
    }

    /// <summary>One page of <paramref name="area"/>, e.g. <c>/Clients/New</c>.</summary>
    public static PageConventionCollection AllowAreaPage(this PageConventionCollection conventions, string area, string page, Audience who)
    {
        conventions.AddAreaPageRouteModelConvention(area, page, model => model.Properties[typeof(Audience)] = who);
        return conventions;
    }

    /// <summary>Every page of the module's area carries the module's switch (its area is its name).</summary>
    public static PageConventionCollection ModuleArea(this PageConventionCollection conventions, string module)
    {
        conventions.AddAreaFolderRouteModelConvention(module, "/", page => page.Properties[typeof(OfModule)] = new OfModule(module));
        return conventions;
    }
}

/// <summary>Writes each page's audience and module onto every one of its routes; added after all other conventions.</summary>
public sealed class StampAccessMetadata : IPageRouteModelConvention
{
    public void Apply(PageRouteModel model)
    {
        foreach (var selector in model.Selectors)
        {
            if (model.Properties.TryGetValue(typeof(OfModule), out var module)) selector.EndpointMetadata.Add(module!);
            if (model.Properties.TryGetValue(typeof(Audience), out var who)) selector.EndpointMetadata.Add(who!);
        }
    }
}

/// <summary>
/// The one gate in front of every endpoint (pages and mapped endpoints alike): it reads the
/// endpoint's <see cref="Audience"/> and <see cref="OfModule"/> and answers before any page code
/// runs — 404 on a closed organization's hosts, off the right kind of host, for a switched-off
/// module or an undeclared endpoint;
/// the sign-in page for a signed-out visitor; the branded 403 "no access" page for someone
/// without the membership or role. Pages may refuse more (a client id of another partner), never less.
/// </summary>
public sealed partial class PortalAccessMiddleware(RequestDelegate next, ILogger<PortalAccessMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context, CurrentMember member, IEnumerable<IClosedOrganizations> closures)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null)
        {
            await next(context);
            return;
        }

        var tenancy = context.Tenancy();
        if (tenancy?.Tenant is { Status: OrganizationStatus.Suspended } suspended)
        {
            foreach (var closure in closures)
            {
                if (!await closure.IsClosedAsync(suspended.Id, context.RequestAborted)) continue;
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
        }

        if (endpoint.Metadata.GetMetadata<OfModule>() is { } module && tenancy?.Tenant is { } host && !host.IsModuleOn(module.Name))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var who = endpoint.Metadata.GetMetadata<Audience>();
        if (who is null)
        {
            LogUndeclared(logger, endpoint.DisplayName ?? context.Request.Path.Value ?? "?");
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var refusal = who.Kind == AudienceKind.Anyone ? null : Refuse(who, await member.ViewerAsync(context.RequestAborted));
        switch (refusal)
        {
            case null:
                await next(context);
                break;
            case StatusCodes.Status401Unauthorized:
                await context.ChallengeAsync();
                break;
            default:
                context.Response.StatusCode = refusal.Value;
                break;
        }
    }

    /// <summary>Null when <paramref name="viewer"/> may go on; else 404 (no such page here), 401 (sign in first) or 403 (no access).</summary>
    public static int? Refuse(Audience who, Viewer viewer)
    {
        if (who.Kind == AudienceKind.PlatformAdmins)
        {
            if (!viewer.OnPlatformHost) return StatusCodes.Status404NotFound;
            if (!viewer.SignedIn) return StatusCodes.Status401Unauthorized;
            return viewer.IsPlatformAdmin ? null : StatusCodes.Status403Forbidden;
        }

        if (viewer.Tenant is not { } tenant || (who.OrganizationKind is { } kind && tenant.Kind != kind)) return StatusCodes.Status404NotFound;
        if (!viewer.SignedIn) return StatusCodes.Status401Unauthorized;
        return who.Admits(viewer) ? null : StatusCodes.Status403Forbidden;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Endpoint} declares no audience: it answers 404 until a page convention or endpoint metadata says who may open it.")]
    private static partial void LogUndeclared(ILogger logger, string endpoint);
}

public static class PortalAccessExtensions
{
    /// <summary>After authentication: every endpoint passes the gate.</summary>
    public static IApplicationBuilder UsePortalAccess(this IApplicationBuilder app) => app.UseMiddleware<PortalAccessMiddleware>();
}
