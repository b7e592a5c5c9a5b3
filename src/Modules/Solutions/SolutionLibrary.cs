using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Modularity;
using PartnerPortal.Mail;
using PartnerPortal.Solutions.Definition;
using PartnerPortal.Solutions.Recipes;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Solutions;

/// <summary>
/// The builder's actions that create or change whole solutions: create, save a draft, publish,
/// import a package, duplicate, move, send a copy. Each is one save; each raises a kernel event
/// (the partner program counts builder work as qualifying activity, P3).
/// </summary>
public sealed class SolutionLibrary(PortalDbContext db, CurrentMember member, AuditLog audit, IPortalEvents events, ITenantContext tenants, ITenantStore store, IMailer mailer, TenantUrls urls, RecipeUpdates updates, TimeProvider time)
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
        var now = time.GetUtcNow().UtcDateTime;
        // The sender follows its copy (S4: waiting, previewed, imported, declined; S7: version and updates).
        var follow = new RecipeCopy { RecipeSolutionId = solution.Id, RecipientOrganizationId = recipient.Id, RecipientName = recipient.Name, SentAt = now };
        db.Add(follow);
        audit.Record("solution.sent", $"{solution.Name} to {recipient.Name}");
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
                CreatedAt = now,
                RecipeSolutionId = solution.Id,
                RecipeVersion = solution.CurrentVersion,
                RecipeCopyId = follow.Id,
                Protected = solution.ProtectsCopies,
            });
            foreach (var admin in await updates.AdminsAsync(cancellationToken))
            {
                mailer.Queue("solution-shared", new Dictionary<string, string?>
                {
                    ["solution_name"] = solution.Name,
                    ["from_name"] = sender.Name,
                    ["shares_url"] = urls.For(recipient, "/solutions/shares"),
                }, admin);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Imports a copy sent here (S4) linked to the sender's recipe (S7): its source ids and base
    /// definition come from the share the server wrote, and the sender's row learns of it in the same transaction.
    /// </summary>
    public async Task<Solution> ImportShareAsync(SolutionShare share, Guid workspaceId, SolutionPackage package, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var solution = AddPublished(workspaceId, package);
        solution.LinkTo(share.FromOrganizationId, share.RecipeSolutionId, share.Protected ? share.FromOrganizationName : null);
        share.ImportedAt = now;
        audit.Record("solution.imported", $"{package.Name} from {share.FromOrganizationName}{(package.Source?.Version is { } v ? $" ({package.Source.Recipe} v{v})" : string.Empty)}");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await updates.TellOwnerAsync(share.FromOrganizationId, share.RecipeCopyId, row =>
        {
            row.ImportedAt = now;
            row.CopySolutionId = solution.Id;
            row.CopyName = solution.Name;
            row.RunningVersion = share.RecipeVersion;
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await RaiseAsync(ImportedEvent, cancellationToken);
        return solution;
    }

    /// <summary>Duplicates a solution into another workspace of this organization (S3), linked to it so its updates can be pushed (S7).</summary>
    public async Task<Solution> DuplicateAsync(Solution recipe, Guid workspaceId, TenantInfo organization, CancellationToken cancellationToken)
    {
        var package = await PackageAsync(recipe, organization.Name, cancellationToken);
        var copy = AddPublished(workspaceId, package);
        copy.LinkTo(organization.Id, recipe.Id, protectedBy: null);
        var workspace = await db.Workspaces.Where(w => w.Id == workspaceId).Select(w => w.Name).FirstAsync(cancellationToken);
        db.Add(RecipeCopy.Made(copy, organization.Id, recipe.Id, recipe.CurrentVersion, $"{organization.Name} · {workspace}", time.GetUtcNow().UtcDateTime));
        audit.Record("solution.imported", $"{package.Name} (a duplicate of {recipe.Name}{(recipe.CurrentVersion is { } v ? $" v{v}" : string.Empty)} into {workspace})");
        await db.SaveChangesAsync(cancellationToken);
        await RaiseAsync(ImportedEvent, cancellationToken);
        return copy;
    }

    /// <summary>The recipient opened the preview of a share: the sender sees "previewed" (once).</summary>
    public async Task MarkPreviewedAsync(SolutionShare share, CancellationToken cancellationToken)
    {
        if (share.PreviewedAt is not null) return;
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Set<SolutionShare>().Where(s => s.Id == share.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.PreviewedAt, now), cancellationToken);
        await updates.TellOwnerAsync(share.FromOrganizationId, share.RecipeCopyId, row => row.PreviewedAt ??= now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The recipient declined a share: the sender sees "declined".</summary>
    public async Task DeclineShareAsync(SolutionShare share, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        share.DeclinedAt = now;
        audit.Record("solution.share_declined", $"{share.Name} from {share.FromOrganizationName}");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await updates.TellOwnerAsync(share.FromOrganizationId, share.RecipeCopyId, row => row.DeclinedAt = now, cancellationToken);
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
