using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Accounts;

/// <summary>
/// Marks a page as an organization page: it exists only on tenant hosts and needs a membership
/// with at least <see cref="Role"/>. Signed-out visitors are sent to sign in; signed-in users
/// without membership get the branded "no access" page (403).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequireMembershipAttribute(OrganizationRole role = OrganizationRole.Member) : Attribute
{
    public OrganizationRole Role { get; } = role;
}

public sealed class MembershipPageFilter(CurrentMember member) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var tenancy = context.HttpContext.Tenancy();
        var modelType = context.ActionDescriptor.ModelTypeInfo;
        var requirement = modelType?.GetCustomAttributes(typeof(RequireMembershipAttribute), inherit: true).OfType<RequireMembershipAttribute>().FirstOrDefault();

        if (requirement is not null)
        {
            if (tenancy?.Tenant is null)
            {
                context.Result = new NotFoundResult();
                return;
            }

            if (context.HttpContext.User.Identity?.IsAuthenticated != true)
            {
                context.Result = new ChallengeResult();
                return;
            }

            if (!await member.HasRoleAsync(requirement.Role, context.HttpContext.RequestAborted))
            {
                context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
                return;
            }
        }

        await next();
    }
}
