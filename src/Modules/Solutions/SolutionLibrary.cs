using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Modularity;
using PartnerPortal.Solutions.Definition;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Solutions;

/// <summary>
/// The builder's actions that create or change whole solutions: create, save a draft, publish,
/// import a package, duplicate, move, send a copy. Each is one save; each raises a kernel event
/// (the partner program counts builder work as qualifying activity, P3).
/// </summary>
public sealed class SolutionLibrary(PortalDbContext db, CurrentMember member, AuditLog audit, IPortalEvents events, ITenantContext tenants, ITenantStore store, TimeProvider time)
{
    public const string PublishedEvent = "solutions.published";
    public const string RulesChangedEvent = "solutions.rules_changed";
    public const string ImportedEvent = "solutions.imported";

    public static SolutionDefinition StarterDefinition() => new()
    {
        Tables = [new TableDefinition { Key = "items", Name = "Items", Fields = [new FieldDefinition { Key = "name", Name = "Name", Type = FieldType.Text, Required = true }] }],
    };

    /// <summary>Adds a new solution to the unit of work, built by <paramref name="builtBy"/> (the signed-in member unless named).</summary>
    public Solution Create(Guid workspaceId, SolutionPackage package, Guid? builtBy = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var solution = new Solution
        {
            WorkspaceId = workspaceId,
            Name = package.Name,
            Tags = Solution.JoinTags(package.Tags),
            DraftJson = PackageWriter.WriteDefinition(package.Definition),
            SourceOrganization = package.Source?.Organization,
            SourceRecipe = package.Source?.Recipe,
            SourceVersion = package.Source?.Version,
            CreatedByUserId = builtBy ?? member.UserId ?? Guid.Empty,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(solution);
        return solution;
    }

    /// <summary>Validates and stores the builder's draft; returns the problems instead when it is not valid.</summary>
    public async Task<IReadOnlyList<PackageError>> SaveDraftAsync(Solution solution, SolutionDefinition draft, CancellationToken cancellationToken)
    {
        var errors = PackageReader.Validate(draft, solution.Name);
        if (errors.Count > 0) return errors;
        var rulesChanged = RulesOf(solution.DraftJson) != RulesOf(PackageWriter.WriteDefinition(draft));
        solution.DraftJson = PackageWriter.WriteDefinition(draft);
        solution.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        if (rulesChanged) await RaiseAsync(RulesChangedEvent, cancellationToken);
        return [];
    }

    public async Task<SolutionVersion> PublishAsync(Solution solution, CancellationToken cancellationToken)
    {
        var number = (solution.CurrentVersion ?? 0) + 1;
        var version = new SolutionVersion
        {
            SolutionId = solution.Id,
            Number = number,
            DefinitionJson = solution.DraftJson,
            PublishedAt = time.GetUtcNow().UtcDateTime,
            PublishedByUserId = member.UserId ?? Guid.Empty,
            PublishedByEmail = (await db.Users.AsNoTracking().Where(u => u.Id == member.UserId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken)),
        };
        db.Add(version);
        solution.CurrentVersion = number;
        if (solution.Status == SolutionStatus.Draft) solution.Status = SolutionStatus.Active;
        audit.Record("solution.published", $"{solution.Name} v{number}");
        await db.SaveChangesAsync(cancellationToken);
        await RaiseAsync(PublishedEvent, cancellationToken);
        return version;
    }

    /// <summary>An imported or duplicated solution starts published at version 1, so people can work in it at once.</summary>
    public async Task<Solution> ImportAsync(Guid workspaceId, SolutionPackage package, CancellationToken cancellationToken, Guid? builtBy = null)
    {
        var solution = AddPublished(workspaceId, package, builtBy);
        audit.Record("solution.imported", $"{package.Name}{(package.Source is null ? string.Empty : $" from {package.Source.Organization} ({package.Source.Recipe} v{package.Source.Version})")}");
        await db.SaveChangesAsync(cancellationToken);
        await RaiseAsync(ImportedEvent, cancellationToken);
        return solution;
    }

    /// <summary>
    /// Adds a copy of <paramref name="package"/> (provenance kept) to the unit of work, published at
    /// version 1 and built by <paramref name="builtBy"/> (the signed-in member unless named), in the
    /// current organization's workspace; the caller audits and saves.
    /// </summary>
    public Solution AddPublished(Guid workspaceId, SolutionPackage package, Guid? builtBy = null)
    {
        var solution = Create(workspaceId, package, builtBy);
        db.Add(new SolutionVersion
        {
            SolutionId = solution.Id,
            Number = 1,
            DefinitionJson = solution.DraftJson,
            PublishedAt = solution.CreatedAt,
            PublishedByUserId = solution.CreatedByUserId,
        });
        solution.CurrentVersion = 1;
        solution.Status = SolutionStatus.Active;
        return solution;
    }

    /// <summary>The package of a solution's published version (or its draft before the first publish), with its provenance.</summary>
    public async Task<SolutionPackage> PackageAsync(Solution solution, string organizationName, CancellationToken cancellationToken)
    {
        var json = solution.CurrentVersion is { } number
            ? await db.Set<SolutionVersion>().Where(v => v.SolutionId == solution.Id && v.Number == number).Select(v => v.DefinitionJson).SingleAsync(cancellationToken)
            : solution.DraftJson;
        return new SolutionPackage
        {
            Name = solution.Name,
            Tags = solution.TagList.ToList(),
            Source = new PackageSource(organizationName, solution.Name, solution.CurrentVersion),
            Definition = PackageReader.ReadStoredDefinition(json),
        };
    }

    /// <summary>
    /// S4: sends a copy of the solution to another organization, whose admin previews and imports it.
    /// The caller has checked the partner–client link. The share is the recipient's row, written while
    /// the recipient is current; the audit entry is the sender's; both commit together.
    /// </summary>
    public async Task SendCopyAsync(Solution solution, TenantInfo sender, TenantInfo recipient, CancellationToken cancellationToken)
    {
        var package = await PackageAsync(solution, sender.Name, cancellationToken);
        audit.Record("solution.sent", solution.Name);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        using (tenants.Change(recipient))
        {
            db.Add(new SolutionShare
            {
                FromOrganizationId = sender.Id,
                FromOrganizationName = sender.Name,
                Name = solution.Name,
                PackageJson = PackageWriter.Write(package),
                CreatedAt = time.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The organization a copy may be sent to, by id; the caller checks the link.</summary>
    public ValueTask<TenantInfo?> RecipientAsync(Guid organizationId, CancellationToken cancellationToken) => store.FindByIdAsync(organizationId, cancellationToken);

    public async Task<SolutionDefinition?> PublishedDefinitionAsync(Solution solution, CancellationToken cancellationToken)
    {
        if (solution.CurrentVersion is not { } number) return null;
        var json = await db.Set<SolutionVersion>().AsNoTracking().Where(v => v.SolutionId == solution.Id && v.Number == number).Select(v => v.DefinitionJson).SingleAsync(cancellationToken);
        return PackageReader.ReadStoredDefinition(json);
    }

    private Task RaiseAsync(string kind, CancellationToken cancellationToken) =>
        db.CurrentTenantId is { } organizationId
            ? events.PublishAsync(new PortalEvent(organizationId, member.UserId, kind, time.GetUtcNow().UtcDateTime), cancellationToken)
            : Task.CompletedTask;

    private static string RulesOf(string json)
    {
        var definition = PackageReader.ReadStoredDefinition(json);
        return PackageWriter.WriteDefinition(new SolutionDefinition { Tables = [], Rules = definition.Rules });
    }
}
