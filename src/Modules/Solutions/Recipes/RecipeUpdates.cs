using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Mail;
using PartnerPortal.Solutions.Definition;
using PartnerPortal.Solutions.Records;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Solutions.Recipes;

/// <summary>One update the owner pushed to a copy, as its history shows it.</summary>
public sealed record PushedUpdate(Guid CopyRowId, int Version, DateTime PushedAt, DateTime? AppliedAt, DateTime? DeclinedAt, int? ReplacedByVersion)
{
    public string Words => (AppliedAt, DeclinedAt, ReplacedByVersion) switch
    {
        ({ } applied, _, _) => $"v{Version} applied {applied:yyyy-MM-dd}",
        (_, { } declined, _) => $"v{Version} declined {declined:yyyy-MM-dd}",
        (_, _, { } by) => $"v{Version} replaced by version {by}",
        _ => $"v{Version} pending since {PushedAt:yyyy-MM-dd}",
    };
}

/// <summary>What an update would do to one copy, table by table, with the conflicts the admin resolves.</summary>
public sealed record UpdatePreview(SolutionUpdate Update, Solution Copy, IReadOnlyList<UpdateItem> Items)
{
    public IEnumerable<IGrouping<string, UpdateItem>> ByTable => Items.GroupBy(i => i.Table);

    public IEnumerable<UpdateItem> Conflicts => Items.Where(i => i.Conflict);
}

/// <summary>
/// S7: a recipe's owner pushes its new version to copies; each copy's admin previews, applies or
/// declines it. The owner's rows (<see cref="RecipeCopy"/>) and the copy's rows
/// (<see cref="SolutionUpdate"/>) live in their own organizations: this service is the one place
/// that writes across, always with the ids it stored itself (a copy's source, an update's copy row),
/// never with ids from a form, and matched on both organizations.
/// </summary>
public sealed class RecipeUpdates(PortalDbContext db, CurrentMember member, AuditLog audit, IMailer mailer, TenantUrls urls, ITenantContext tenants, ITenantStore store, RecordStore records, TimeProvider time)
{
    public const string AppliedEvent = "solutions.update_applied";

    /// <summary>The copy row of a recipe in its owner's organization (the current one).</summary>
    public async Task<IReadOnlyList<RecipeCopy>> CopiesAsync(Guid recipeId, CancellationToken cancellationToken) =>
        await db.Set<RecipeCopy>().AsNoTracking().Where(c => c.RecipeSolutionId == recipeId).OrderBy(c => c.RecipientName).ThenBy(c => c.SentAt).ToListAsync(cancellationToken);

    /// <summary>
    /// Pushes the recipe's published version to the chosen copies (the current organization's own
    /// copy rows of this recipe; other ids match nothing). Each copy's admins are told in-app and by
    /// e-mail in the copy's branding. Returns how many copies got it.
    /// </summary>
    public async Task<int> PushAsync(Solution recipe, IReadOnlyCollection<Guid> copyIds, CancellationToken cancellationToken)
    {
        var owner = tenants.Current ?? throw new InvalidOperationException("A push happens in the recipe's organization.");
        if (recipe.CurrentVersion is not { } version || copyIds.Count == 0) return 0;
        var definition = await db.Set<SolutionVersion>().AsNoTracking().Where(v => v.SolutionId == recipe.Id && v.Number == version).Select(v => v.DefinitionJson).SingleAsync(cancellationToken);
        var rows = await db.Set<RecipeCopy>().Where(c => c.RecipeSolutionId == recipe.Id && copyIds.Contains(c.Id) && c.CopySolutionId != null).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var pushed = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var row in rows.Where(r => r.RunningVersion != version))
        {
            if (await store.FindByIdAsync(row.RecipientOrganizationId, cancellationToken) is not { } recipient) continue;
            bool delivered;
            using (tenants.Change(recipient))
            {
                delivered = await DeliverAsync(recipe, owner, recipient, row, version, definition, now, cancellationToken);
            }

            if (!delivered) continue;
            row.PushedVersion = version;
            row.UpdateState = UpdateState.Pending;
            row.UpdateAnsweredAt = null;
            // Saved in the owner's organization before the next copy's: a save checks every changed row against the current organization.
            await db.SaveChangesAsync(cancellationToken);
            pushed++;
        }

        audit.Record("solution.update_pushed", $"{recipe.Name} v{version} to {pushed} cop{(pushed == 1 ? "y" : "ies")}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return pushed;
    }

    /// <summary>In the copy's organization: the update row, the protection the recipe carries, the admins' e-mail. False when the copy is gone or no longer this recipe's.</summary>
    private async Task<bool> DeliverAsync(Solution recipe, TenantInfo owner, TenantInfo recipient, RecipeCopy row, int version, string definition, DateTime now, CancellationToken cancellationToken)
    {
        var copy = await db.Set<Solution>().FirstOrDefaultAsync(s => s.Id == row.CopySolutionId && s.DeletedAt == null && s.SourceSolutionId == recipe.Id && s.SourceOrganizationId == owner.Id, cancellationToken);
        if (copy is null) return false;
        // A newer push replaces one still waiting: the admin answers the latest version only, and the older one stays as history.
        await db.Set<SolutionUpdate>().Where(u => u.SolutionId == copy.Id).Where(SolutionUpdate.Waiting).ExecuteUpdateAsync(s => s.SetProperty(u => u.ReplacedByVersion, (int?)version), cancellationToken);
        var update = new SolutionUpdate
        {
            SolutionId = copy.Id,
            FromOrganizationId = owner.Id,
            FromOrganizationName = owner.Name,
            RecipeName = recipe.Name,
            FromVersion = copy.SourceVersion,
            ToVersion = version,
            DefinitionJson = definition,
            RecipeCopyId = row.Id,
            CreatedAt = now,
        };
        db.Add(update);
        // Protection is the source's to give or lift, so it arrives with the update, not with its answer.
        if (copy.TenantId != owner.Id) copy.ProtectedBy = recipe.ProtectsCopies ? owner.Name : null;
        audit.Record("solution.update_received", $"{copy.Name}: {recipe.Name} v{version} from {owner.Name}");
        foreach (var admin in await AdminsAsync(cancellationToken))
        {
            mailer.Queue("solution-update", new Dictionary<string, string?>
            {
                ["solution_name"] = copy.Name,
                ["recipe_name"] = recipe.Name,
                ["from_name"] = owner.Name,
                ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["update_url"] = urls.For(recipient, $"/solutions/updates/{update.Id}"),
            }, admin);
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// The recipe a copy is about to be made from, read in its owner's organization (a Solution Center
    /// install learns from it whether copies are protected); null when the owner or the recipe is gone.
    /// </summary>
    public async Task<(TenantInfo Owner, Solution Recipe)?> RecipeAsync(Guid ownerId, Guid recipeId, CancellationToken cancellationToken)
    {
        if (await store.FindByIdAsync(ownerId, cancellationToken) is not { } owner) return null;
        using (tenants.Change(owner))
        {
            var recipe = await db.Set<Solution>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == recipeId && s.DeletedAt == null, cancellationToken);
            return recipe is null ? null : (owner, recipe);
        }
    }

    /// <summary>
    /// S7: the owner's row for a copy just made and saved in the current organization from its recipe
    /// (a deployment, a Solution Center install), written in the owner's organization as a share's
    /// answers are (<see cref="TellOwnerAsync(Guid, Guid?, Action{RecipeCopy}, CancellationToken)"/>),
    /// so the copy is listed under the owner's "Copies and updates" and takes its pushes. The caller holds the transaction.
    /// </summary>
    public async Task FollowAsync(Solution copy, TenantInfo owner, Guid recipeId, int? version, string recipientName, CancellationToken cancellationToken)
    {
        var recipient = copy.TenantId;
        using (tenants.Change(owner))
        {
            db.Add(RecipeCopy.Made(copy, recipient, recipeId, version, recipientName, time.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Every update pushed from the current organization to these copy rows, newest first (the owner's
    /// history of each copy: pending, applied, declined, replaced by version N). The rows live in the
    /// copies' organizations, so this reads past the tenant filter by name, and only rows this
    /// organization sent through its own copy rows into the organization each row names.
    /// </summary>
    public async Task<ILookup<Guid, PushedUpdate>> HistoryAsync(IReadOnlyList<RecipeCopy> copies, CancellationToken cancellationToken)
    {
        var owner = db.CurrentTenantId;
        var ids = copies.Select(c => c.Id).ToList();
        var recipients = copies.ToDictionary(c => c.Id, c => c.RecipientOrganizationId);
        var rows = await db.Set<SolutionUpdate>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(u => u.FromOrganizationId == owner && ids.Contains(u.RecipeCopyId))
            .OrderByDescending(u => u.CreatedAt)
            .Select(u => new { u.TenantId, Pushed = new PushedUpdate(u.RecipeCopyId, u.ToVersion, u.CreatedAt, u.AppliedAt, u.DeclinedAt, u.ReplacedByVersion) })
            .ToListAsync(cancellationToken);
        return rows.Where(r => recipients[r.Pushed.CopyRowId] == r.TenantId).Select(r => r.Pushed).ToLookup(r => r.CopyRowId);
    }

    /// <summary>
    /// For an update of the current organization that a newer push replaced: the newest waiting update
    /// of the same copy (null when that one was answered too), with the version that replaced it.
    /// Null for any other id.
    /// </summary>
    public async Task<(int ReplacedBy, SolutionUpdate? Newest)?> ReplacementAsync(Guid updateId, CancellationToken cancellationToken)
    {
        var replaced = await db.Set<SolutionUpdate>().AsNoTracking().Where(u => u.Id == updateId && u.ReplacedByVersion != null)
            .Select(u => new { u.SolutionId, u.ReplacedByVersion }).FirstOrDefaultAsync(cancellationToken);
        if (replaced is null) return null;
        return (replaced.ReplacedByVersion!.Value, await PendingForAsync(replaced.SolutionId, cancellationToken));
    }

    /// <summary>The organization's active owners and admins, who answer shares and updates.</summary>
    public async Task<IReadOnlyList<MailRecipient>> AdminsAsync(CancellationToken cancellationToken) =>
        (await db.Memberships.AsNoTracking().Where(m => m.Role >= OrganizationRole.Admin && m.DeactivatedAt == null)
            .Select(m => new { m.User!.Email, m.User.DisplayName }).ToListAsync(cancellationToken))
        .Where(a => !string.IsNullOrEmpty(a.Email)).Select(a => new MailRecipient(a.Email!, a.DisplayName)).ToList();

    /// <summary>Updates waiting in the current organization, newest first.</summary>
    public async Task<IReadOnlyList<(SolutionUpdate Update, string CopyName)>> PendingAsync(CancellationToken cancellationToken) =>
        (await db.Set<SolutionUpdate>().AsNoTracking().Where(SolutionUpdate.Waiting)
            .Join(db.Set<Solution>().Where(s => s.DeletedAt == null), u => u.SolutionId, s => s.Id, (u, s) => new { u, s.Name }).OrderByDescending(x => x.u.CreatedAt).ToListAsync(cancellationToken))
        .Select(x => (x.u, x.Name)).ToList();

    /// <summary>The waiting update of a copy, if any (the copy's pages point to it).</summary>
    public Task<SolutionUpdate?> PendingForAsync(Guid solutionId, CancellationToken cancellationToken) =>
        db.Set<SolutionUpdate>().AsNoTracking().Where(SolutionUpdate.Waiting).FirstOrDefaultAsync(u => u.SolutionId == solutionId, cancellationToken);

    /// <summary>A waiting update of the current organization with what it would change; null for any other id.</summary>
    public async Task<UpdatePreview?> PreviewAsync(Guid updateId, CancellationToken cancellationToken)
    {
        var update = await db.Set<SolutionUpdate>().Where(SolutionUpdate.Waiting).FirstOrDefaultAsync(u => u.Id == updateId, cancellationToken);
        if (update is null) return null;
        var copy = await db.Set<Solution>().FirstOrDefaultAsync(s => s.Id == update.SolutionId && s.DeletedAt == null, cancellationToken);
        if (copy is null) return null;
        var (@base, theirs, yours) = await SidesAsync(update, copy, cancellationToken);
        var items = RecipeMerge.Plan(@base, theirs, yours).ToList();
        foreach (var item in items) item.Effect = await EffectAsync(copy, item, cancellationToken);
        return new UpdatePreview(update, copy, items);
    }

    /// <summary>
    /// Applies the update in one transaction: the merged definition is published as the copy's next
    /// version, every record is kept (a removed field's value and a value that does not convert are
    /// kept on the record as "kept values"), the recipe's owner learns of it. Returns the problems
    /// instead when a conflict is unanswered or the merge is not a valid solution; nothing changes then.
    /// </summary>
    public async Task<IReadOnlyList<string>> ApplyAsync(UpdatePreview preview, IReadOnlyDictionary<string, string> choices, CancellationToken cancellationToken)
    {
        var (update, copy) = (preview.Update, preview.Copy);
        var unanswered = preview.Conflicts.Where(c => !choices.TryGetValue(c.Key, out var side) || side is not ("theirs" or "yours")).ToList();
        if (unanswered.Count > 0) return unanswered.Select(c => $"Choose what to keep for the {c.What} {c.Name} of {c.Table}: your version or the update's.").ToList();
        var takeTheirs = preview.Conflicts.Where(c => choices[c.Key] == "theirs").Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var (@base, theirs, yours) = await SidesAsync(update, copy, cancellationToken);
        var merged = RecipeMerge.Apply(@base, theirs, yours, takeTheirs);
        var errors = PackageReader.Validate(merged, copy.Name);
        if (errors.Count > 0) return errors.Select(e => $"The update cannot apply as chosen: {e.Problem}").ToList();

        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await KeepRecordsAsync(copy, yours, merged, cancellationToken);
        var mergedJson = PackageWriter.WriteDefinition(merged);
        var draft = PackageReader.ReadStoredDefinition(copy.DraftJson);
        // The builder's unpublished changes are the copy's own too: they get the same merge, or the merged version when they no longer fit it.
        var mergedDraft = RecipeMerge.Apply(@base, theirs, draft, takeTheirs);
        copy.DraftJson = PackageWriter.WriteDefinition(draft) == PackageWriter.WriteDefinition(yours) || PackageReader.Validate(mergedDraft, copy.Name).Count > 0
            ? mergedJson
            : PackageWriter.WriteDefinition(mergedDraft);
        var number = (copy.CurrentVersion ?? 0) + 1;
        db.Add(new SolutionVersion { SolutionId = copy.Id, Number = number, DefinitionJson = mergedJson, PublishedAt = now, PublishedByUserId = member.UserId ?? Guid.Empty, PublishedByEmail = await EmailAsync(cancellationToken) });
        copy.CurrentVersion = number;
        copy.SourceVersion = update.ToVersion;
        copy.SourceDefinitionJson = update.DefinitionJson;
        copy.UpdatedAt = now;
        update.AppliedAt = now;
        update.AnsweredByEmail = await EmailAsync(cancellationToken);
        audit.Record("solution.update_applied", $"{copy.Name}: {update.RecipeName} v{update.ToVersion} from {update.FromOrganizationName}, now version {number}");
        await db.SaveChangesAsync(cancellationToken);
        await TellOwnerAsync(update, row =>
        {
            row.RunningVersion = update.ToVersion;
            row.UpdateState = UpdateState.Applied;
            row.UpdateAnsweredAt = now;
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [];
    }

    public async Task DeclineAsync(UpdatePreview preview, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var update = preview.Update;
        update.DeclinedAt = now;
        update.AnsweredByEmail = await EmailAsync(cancellationToken);
        audit.Record("solution.update_declined", $"{preview.Copy.Name}: {update.RecipeName} v{update.ToVersion} from {update.FromOrganizationName}");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await TellOwnerAsync(update, row =>
        {
            row.UpdateState = UpdateState.Declined;
            row.UpdateAnsweredAt = now;
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Writes an answer into the owner's copy row, in the owner's organization. The row is found by the
    /// id stored with the update or share and must name the current organization as its recipient, so
    /// no one answers for another organization's copy. The caller holds the transaction.
    /// </summary>
    public async Task TellOwnerAsync(Guid ownerId, Guid? recipeCopyId, Action<RecipeCopy> answer, CancellationToken cancellationToken)
    {
        var me = tenants.Current ?? throw new InvalidOperationException("An answer comes from an organization.");
        if (recipeCopyId is null || await store.FindByIdAsync(ownerId, cancellationToken) is not { } owner) return;
        using (tenants.Change(owner))
        {
            var row = await db.Set<RecipeCopy>().FirstOrDefaultAsync(c => c.Id == recipeCopyId && c.RecipientOrganizationId == me.Id, cancellationToken);
            if (row is null) return;
            answer(row);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private Task TellOwnerAsync(SolutionUpdate update, Action<RecipeCopy> answer, CancellationToken cancellationToken) =>
        TellOwnerAsync(update.FromOrganizationId, update.RecipeCopyId, answer, cancellationToken);

    private async Task<(SolutionDefinition Base, SolutionDefinition Theirs, SolutionDefinition Yours)> SidesAsync(SolutionUpdate update, Solution copy, CancellationToken cancellationToken)
    {
        var yoursJson = copy.CurrentVersion is { } n
            ? await db.Set<SolutionVersion>().AsNoTracking().Where(v => v.SolutionId == copy.Id && v.Number == n).Select(v => v.DefinitionJson).SingleAsync(cancellationToken)
            : copy.DraftJson;
        var yours = PackageReader.ReadStoredDefinition(yoursJson);
        // A copy made before links were kept has no base: its own version is the base, so all it changed counts as the recipe's change.
        var @base = copy.SourceDefinitionJson is { } b ? PackageReader.ReadStoredDefinition(b) : yours;
        return (@base, PackageReader.ReadStoredDefinition(update.DefinitionJson), yours);
    }

    /// <summary>What an item does to the records the copy holds, counted now.</summary>
    private async Task<string?> EffectAsync(Solution copy, UpdateItem item, CancellationToken cancellationToken)
    {
        if (item.TableKey is not { } table) return null;
        var count = await db.Set<SolutionRecord>().CountAsync(r => r.SolutionId == copy.Id && r.TableKey == table, cancellationToken);
        switch (item.What, item.Kind)
        {
            case ("table", ChangeKind.Removed):
                return $"Its {Records(count)} are kept (hidden while the table is gone).";
            case ("table", ChangeKind.Added):
                return "A new, empty table.";
            case ("field", ChangeKind.Added):
                return count == 0 ? "No records yet." : $"Empty in your {Records(count)}{(item.NewField?.Required == true ? " until someone edits them" : string.Empty)}.";
            case ("field", ChangeKind.Removed):
                var holding = (await ValuesAsync(copy, table, item.OldField!, cancellationToken)).Count;
                return holding == 0 ? "No record holds a value in it." : $"Its values in {Records(holding)} are kept and shown on each record as kept values.";
            case ("field", ChangeKind.Changed) when item.OldField is { } old && item.NewField is { } @new && old.Type != @new.Type:
                var values = await ValuesAsync(copy, table, old, cancellationToken);
                var failing = values.Where(v => Convert(old, @new, v.Value) is null).ToList();
                var how = $"Values change from {FieldTypeNames.NameOf(old.Type)} to {FieldTypeNames.NameOf(@new.Type)}: {values.Count - failing.Count} of {Records(values.Count)} convert.";
                return failing.Count == 0 ? how : $"{how} {failing.Count} would not ({string.Join(", ", failing.Take(5).Select(f => $"\"{f.Text}\""))}{(failing.Count > 5 ? ", …" : string.Empty)}); they are kept on their records as kept values.";
            default:
                return null;
        }
    }

    /// <summary>Keeps what the new definition no longer holds: values of removed fields and values that do not convert to a field's new type move to the record's kept values.</summary>
    private async Task KeepRecordsAsync(Solution copy, SolutionDefinition before, SolutionDefinition after, CancellationToken cancellationToken)
    {
        foreach (var table in after.Tables)
        {
            var old = before.Table(table.Key);
            if (old is null) continue;
            var removed = old.Fields.Where(f => table.Field(f.Key) is null).ToList();
            var retyped = old.Fields.Select(f => (Old: f, New: table.Field(f.Key))).Where(p => p.New is not null && p.New.Type != p.Old.Type).ToList();
            if (removed.Count == 0 && retyped.Count == 0 && JsonSame(old, table)) continue;
            var rows = await db.Set<SolutionRecord>().Where(r => r.SolutionId == copy.Id && r.TableKey == table.Key).ToListAsync(cancellationToken);
            foreach (var record in rows)
            {
                var values = JsonNode.Parse(record.ValuesJson) as JsonObject ?? [];
                foreach (var field in removed) Keep(values, field, field.Key);
                foreach (var (from, to) in retyped)
                {
                    if (!values.TryGetPropertyValue(from.Key, out var value) || value is null) continue;
                    if (Convert(from, to!, value) is { } converted) values[from.Key] = converted;
                    else Keep(values, from, from.Key);
                }

                await records.RewriteAsync(table, record, values, cancellationToken);
            }
        }
    }

    public const string KeptKey = "_kept";

    /// <summary>Moves a value to the record's kept values under the field's name, as text.</summary>
    private static void Keep(JsonObject values, FieldDefinition field, string key)
    {
        if (!values.TryGetPropertyValue(key, out var value)) return;
        values.Remove(key);
        if (value is null) return;
        var kept = values[KeptKey] as JsonObject ?? [];
        kept[field.Name] = FieldValues.Display(field, value);
        values[KeptKey] = kept;
    }

    /// <summary>A value as the old type shows it, read as the new type would read a person's input; null when it does not fit.</summary>
    private static JsonNode? Convert(FieldDefinition from, FieldDefinition to, JsonNode? value)
    {
        var optional = new FieldDefinition { Key = to.Key, Name = to.Name, Type = to.Type, Options = to.Options, Currency = to.Currency, Table = to.Table };
        return FieldValues.TryParse(optional, FieldValues.Display(from, value), out var converted, out _) ? converted : null;
    }

    private async Task<List<(JsonNode? Value, string Text)>> ValuesAsync(Solution copy, string table, FieldDefinition field, CancellationToken cancellationToken)
    {
        var fieldKey = field.Key;
        var list = new List<(JsonNode?, string)>();
        await foreach (var json in db.Set<SolutionRecord>().AsNoTracking().Where(r => r.SolutionId == copy.Id && r.TableKey == table).Select(r => r.ValuesJson).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if ((JsonNode.Parse(json) as JsonObject)?.TryGetPropertyValue(fieldKey, out var value) == true && value is not null)
                list.Add((value, FieldValues.Display(field, value)));
        }

        return list;
    }

    private static bool JsonSame(TableDefinition a, TableDefinition b) => PackageWriter.WriteDefinition(new SolutionDefinition { Tables = [a] }) == PackageWriter.WriteDefinition(new SolutionDefinition { Tables = [b] });

    private async Task<string?> EmailAsync(CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => u.Id == member.UserId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);

    private static string Records(int count) => count == 1 ? "1 record" : $"{count:N0} records";
}
