using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.ConsultantSeats.Certification;
using PartnerPortal.ConsultantSeats.Demo;
using PartnerPortal.ConsultantSeats.Invitations;
using PartnerPortal.ConsultantSeats.SignUp;
using PartnerPortal.Jobs;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;

namespace PartnerPortal.ConsultantSeats.Seats;

/// <summary>The seats' part of the module: services, jobs, rate limits, page audiences and shell items (the module registers each with one line).</summary>
public static class SeatsRegistration
{
    /// <summary>POSTs of the public sign-up page, per client address (C2: abuse-resistant).</summary>
    public const string SignUpPolicy = "consultant-sign-up";

    /// <summary>POSTs of the invitation page, which checks a password, per client address and host.</summary>
    public const string AcceptPolicy = "consultant-accept";

    public static IServiceCollection AddConsultantSeats(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Certifications>();
        services.AddScoped<SeatPolicy>();
        services.AddScoped<Seating>();
        services.AddScoped<SeatOverview>();
        services.AddScoped<SeatInvitations>();
        services.AddScoped<SignUpLinks>();
        services.AddScoped<IDemoDataContributor, SeatsDemo>();
        services.AddPortalJob<CertificationReminders>(CertificationReminders.JobName, "E-mails consultants before and when their certification lapses",
            configuration.GetValue("ConsultantSeats:CertificationJobInterval", TimeSpan.FromHours(1)), ConsultantSeatsModule.ModuleName);
        services.AddPortalJob<SeatEnds>(SeatEnds.JobName, "Ends consultant seats whose notice period has run out",
            configuration.GetValue("ConsultantSeats:SeatJobInterval", TimeSpan.FromMinutes(10)), ConsultantSeatsModule.ModuleName);

        var signUps = configuration.GetValue("ConsultantSeats:SignUpRateLimit:PermitLimit", 5);
        var signUpWindow = configuration.GetValue("ConsultantSeats:SignUpRateLimit:Window", TimeSpan.FromHours(1));
        var accepts = configuration.GetValue("RateLimits:Credentials:PermitLimit", 10);
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(SignUpPolicy, context => PostsOf(context, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", signUps, signUpWindow));
            options.AddPolicy(AcceptPolicy, context => PostsOf(context, context.ClientAndHost(), accepts, TimeSpan.FromMinutes(1)));
        });
        return services;
    }

    public static PageConventionCollection AllowSeatPages(this PageConventionCollection conventions, string area) => conventions
        .AllowArea(area, "/Platform", Audience.PlatformAdmins)
        .AllowArea(area, "/Seats", ClientOwners)
        .AllowArea(area, "/Consulting", PartnerMembers)
        .AllowAreaPage(area, "/Workspaces/InviteConsultant", ClientMembers)
        .AllowAreaPage(area, "/MySeat", ClientMembers)
        // The invitation and the sign-up link are checked by their pages (a token, a code); they are for people not yet in.
        .AllowAreaPage(area, "/Invitation", Audience.Anyone)
        .AllowAreaPage(area, "/Join", Audience.Anyone);

    /// <summary>Seats are in client organizations (a partner's own people are its team, not consultants).</summary>
    private static readonly Audience ClientMembers = Audience.Members(OrganizationRole.Member, OrganizationKind.Client);

    private static readonly Audience ClientOwners = Audience.Members(OrganizationRole.Owner, OrganizationKind.Client);

    private static readonly Audience PartnerMembers = Audience.Members(OrganizationRole.Member, OrganizationKind.Partner);

    /// <summary>What the seats add to the shell.</summary>
    public static IEnumerable<NavItem> Navigation =>
    [
        new("Consultants", "/platform/consultants", Audience.PlatformAdmins, 25),
        new("Consulting", "/consulting", PartnerMembers, 25),
    ];

    public static IEnumerable<NavItem> Settings => [new("Consultant seats", "/settings/consultant-seats", ClientOwners, 85)];

    /// <summary>A consultant's own seat on the client's home (leave it from there); everyone else sees nothing of it.</summary>
    public static IEnumerable<ShellSection> HomeSections => [new("ConsultantSeatHome", ClientMembers, 15)];

    public static IEnumerable<ShellSection> AccessSections => [new("ConsultantSeatsAccess", ClientOwners.ExceptImpersonators(), 50)];

    /// <summary>Organization admins see the action; the page also lets in the workspace's own admins.</summary>
    public static IEnumerable<NavItem> WorkspaceActions => [new("Invite a consultant", "/workspaces/{workspaceId}/invite-consultant", Audience.Members(OrganizationRole.Admin, OrganizationKind.Client), 50)];

    private static RateLimitPartition<string> PostsOf(HttpContext context, string key, int limit, TimeSpan window) =>
        HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = window, QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter(string.Empty);
}
