using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.PartnerTiers.Directory;

namespace PartnerPortal.PartnerTiers.Profiles;

/// <summary>What a partner's admin submits for its directory profile, as typed.</summary>
public sealed record ProfileInput(string? Summary, IReadOnlyList<string> Regions, IReadOnlyList<string> Industries, string? Website, string? ContactEmail, bool Listed);

/// <summary>
/// The current partner's directory profile: read (a blank one before the first save) and saved with
/// every value checked first, audited, and the public directory's cache dropped so the change shows at once.
/// </summary>
public sealed class PartnerProfiles(PortalDbContext db, CurrentMember member, AuditLog audit, PartnerDirectory directory, TimeProvider time)
{
    public const int MaxSummary = 2000;

    public async Task<PartnerProfile> CurrentAsync(CancellationToken cancellationToken) =>
        await db.Set<PartnerProfile>().FirstOrDefaultAsync(cancellationToken) ?? new PartnerProfile();

    /// <summary>Saves the profile, or returns why nothing was saved.</summary>
    public async Task<string?> SaveAsync(ProfileInput input, CancellationToken cancellationToken)
    {
        var summary = input.Summary?.Trim() ?? string.Empty;
        var website = string.IsNullOrWhiteSpace(input.Website) ? null : input.Website.Trim();
        var email = string.IsNullOrWhiteSpace(input.ContactEmail) ? null : input.ContactEmail.Trim();
        if (summary.Length > MaxSummary) return $"Keep the summary under {MaxSummary:N0} characters (it has {summary.Length:N0}).";
        if (input.Regions.FirstOrDefault(r => !ProfileChoices.Regions.Contains(r)) is { } region) return $"\"{Shorten(region)}\" is not one of the regions listed: tick the ones you serve.";
        if (input.Industries.FirstOrDefault(i => !ProfileChoices.Industries.Contains(i)) is { } industry) return $"\"{Shorten(industry)}\" is not one of the industries listed: tick the ones you serve.";
        if (website is not null && (website.Length > 300 || !Uri.TryCreate(website, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || !uri.Host.Contains('.', StringComparison.Ordinal)))
        {
            return "Enter the website as a full address starting with https://, e.g. https://www.example.com.";
        }

        if (email is not null && (email.Length > 254 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || !email.Contains('.', StringComparison.Ordinal)))
        {
            return "Enter the contact e-mail as one address, e.g. partners@example.com.";
        }

        if (input.Listed && summary.Length == 0) return "Write a short summary before listing your profile: it is the first thing visitors read.";
        if (input.Listed && email is null && website is null) return "Give a contact e-mail or a website before listing your profile, so visitors can reach you.";

        var profile = await db.Set<PartnerProfile>().FirstOrDefaultAsync(cancellationToken);
        if (profile is null) db.Add(profile = new PartnerProfile());
        var wasListed = profile.Listed;
        profile.Summary = summary;
        profile.Regions = ProfileChoices.Join(ProfileChoices.Regions.Where(input.Regions.Contains));
        profile.Industries = ProfileChoices.Join(ProfileChoices.Industries.Where(input.Industries.Contains));
        profile.Website = website;
        profile.ContactEmail = email;
        profile.Listed = input.Listed;
        profile.UpdatedAt = time.GetUtcNow().UtcDateTime;
        profile.UpdatedByUserId = member.UserId;
        audit.Record("partner-profile.updated", (wasListed, input.Listed) switch
        {
            (false, true) => "Profile saved and listed in the partner directory",
            (true, false) => "Profile saved and taken out of the partner directory",
            (true, true) => "Listed profile saved",
            _ => "Profile saved (not listed)",
        });
        await db.SaveChangesAsync(cancellationToken);
        directory.Invalidate();
        return null;
    }

    private static string Shorten(string value) => value.Length > 60 ? value[..60] + "…" : value;
}
