using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PartnerPortal.Data;
using PartnerPortal.Jobs;
using PartnerPortal.Mail;
using PartnerPortal.Modularity;
using PartnerPortal.Solutions.Definition;
using PartnerPortal.Solutions.Records;
using PartnerPortal.Tenancy;
using Scriban;
using Scriban.Runtime;

namespace PartnerPortal.Solutions.Automation;

/// <summary>
/// Runs queued automation rules in the background (job <c>solutions-rules</c>), each in its
/// organization's tenant context. A run is claimed with a conditional update first (like the mail
/// outbox), so two runners never run it twice; a failure is retried a few times and then shown on
/// the solution page. Organizations that switched the Solutions module off are skipped, and so are
/// suspended solutions (C9): their runs wait until it is on again, or the solution is reactivated.
/// </summary>
public sealed partial class RuleRunner(
    PortalDbContext db,
    ITenantStore store,
    ITenantContext tenants,
    SolutionLibrary library,
    RecordStore records,
    IMailer mailer,
    IModuleSwitch switches,
    TimeProvider time,
    ILogger<RuleRunner> logger) : IPortalJob
{
    public const string JobName = "solutions-rules";
    public const int MaxAttempts = 3;

    /// <summary>How often the job looks for queued runs: rules should feel immediate.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>The name the builder gave the rule of the run in hand (runs go one at a time), for the error it may leave.</summary>
    private string? _ruleName;

    private const int BatchSize = 20;
    private static readonly TimeSpan ClaimDuration = TimeSpan.FromMinutes(2);
    private readonly string _instance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Runs due rules batch after batch while full batches are due; returns how many it ran.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var ran = 0;
        while (true)
        {
            var (due, handled) = await RunDueAsync(cancellationToken);
            ran += handled;
            if (due < BatchSize) return ran;
        }
    }

    /// <summary>Claims and runs one batch of due runs; returns how many were due and how many this runner ran.</summary>
    public async Task<(int Due, int Ran)> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // The runner works for every organization; each run is then handled inside its own tenant.
        // Runs of suspended solutions (C9) wait, untouched, until the solution is reactivated.
        var suspended = db.Set<Solution>().IgnoreQueryFilters(["Tenant"]).Where(s => s.Suspension != null).Select(s => s.Id);
        var waiting = db.Set<RuleRun>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(r => r.DoneAt == null && r.DueAt <= now && (r.ClaimedUntil == null || r.ClaimedUntil < now))
            .Where(r => !suspended.Contains(r.SolutionId));
        var organizations = await waiting.Select(r => r.TenantId).Distinct().ToListAsync(cancellationToken);
        var on = (await switches.OrganizationsOnAsync(SolutionsModule.ModuleName, organizations, cancellationToken)).ToArray();
        var due = await waiting
            .Where(r => on.Contains(r.TenantId))
            .OrderBy(r => r.DueAt).Select(r => r.Id).Take(BatchSize).ToListAsync(cancellationToken);

        var ran = 0;
        foreach (var id in due)
        {
            if (await RunOneAsync(id, now, cancellationToken)) ran++;
        }

        return (due.Count, ran);
    }

    private async Task<bool> RunOneAsync(Guid runId, DateTime now, CancellationToken cancellationToken)
    {
        // Each run is its own unit of work: nothing one leaves tracked is saved with the next.
        db.ChangeTracker.Clear();
        _ruleName = null;
        var claimedUntil = now + ClaimDuration;
        var claimed = await db.Set<RuleRun>().IgnoreQueryFilters(["Tenant"])
            .Where(r => r.Id == runId && r.DoneAt == null && (r.ClaimedUntil == null || r.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClaimedBy, _instance).SetProperty(r => r.ClaimedUntil, claimedUntil), cancellationToken);
        if (claimed != 1) return false;

        var tenantId = await db.Set<RuleRun>().IgnoreQueryFilters(["Tenant"]).Where(r => r.Id == runId).Select(r => r.TenantId).SingleAsync(cancellationToken);
        var tenant = await store.FindByIdAsync(tenantId, cancellationToken);
        if (tenant is null)
        {
            await FinishAsync(runId, null, ignoreTenant: true);
            return true;
        }

        using var _ = tenants.Change(tenant);
        var run = await db.Set<RuleRun>().SingleAsync(r => r.Id == runId, cancellationToken);
        if (await db.Set<Solution>().AnyAsync(s => s.Id == run.SolutionId && s.Suspension != null, cancellationToken))
        {
            // Suspended after it was picked: give the run back as it was, to run once reactivated.
            await db.Set<RuleRun>().Where(r => r.Id == runId).ExecuteUpdateAsync(
                s => s.SetProperty(r => r.ClaimedBy, (string?)null).SetProperty(r => r.ClaimedUntil, (DateTime?)null), CancellationToken.None);
            return false;
        }

        try
        {
            await ExecuteRuleAsync(run, cancellationToken);
            await FinishAsync(runId, null, ignoreTenant: false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            db.ChangeTracker.Clear();
            var attempts = run.Attempts + 1;
            // The builder reads this on the solution's page: a rule's own mistake says what to fix; anything
            // else is the portal's, whose details (exception text) go to the log, not to the page.
            var error = ex is RuleException
                ? ex.Message
                : $"It could not run because of an error in the portal ({(attempts >= MaxAttempts ? $"tried {attempts} times" : "it will be tried again")}). Nothing was changed by this run.";
            if (error.Length > 1800) error = error[..1800];
            if (attempts >= MaxAttempts || ex is RuleException)
            {
                await FinishAsync(runId, error, ignoreTenant: false);
                var shown = _ruleName is { } name ? $"{name}: {error}" : error;
                await db.Set<Solution>().Where(s => s.Id == run.SolutionId).ExecuteUpdateAsync(
                    s => s.SetProperty(x => x.LastRuleError, shown).SetProperty(x => x.LastRuleErrorAt, time.GetUtcNow().UtcDateTime), CancellationToken.None);
            }
            else
            {
                var retryAt = time.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(10 * attempts);
                await db.Set<RuleRun>().Where(r => r.Id == runId).ExecuteUpdateAsync(
                    s => s.SetProperty(r => r.Attempts, attempts).SetProperty(r => r.DueAt, retryAt).SetProperty(r => r.Error, error).SetProperty(r => r.ClaimedUntil, (DateTime?)null), CancellationToken.None);
            }

            LogRuleFailed(logger, ex, run.RuleKey, run.SolutionId);
        }

        return true;
    }

    private async Task ExecuteRuleAsync(RuleRun run, CancellationToken cancellationToken)
    {
        var solution = await db.Set<Solution>().SingleOrDefaultAsync(s => s.Id == run.SolutionId, cancellationToken);
        var record = await db.Set<SolutionRecord>().SingleOrDefaultAsync(r => r.Id == run.RecordId, cancellationToken);
        if (solution is null || record is null) return; // deleted meanwhile: nothing to do
        var definition = await library.PublishedDefinitionAsync(solution, cancellationToken);
        var rule = definition?.Rules.FirstOrDefault(r => r.Key == run.RuleKey);
        var table = rule is null ? null : definition!.Table(rule.Table);
        if (rule is null || table is null) return; // the rule was removed in a later version
        _ruleName = rule.Name;

        var values = JsonNode.Parse(record.ValuesJson) as JsonObject ?? [];
        if (rule.Action.Type == RuleActionType.SetField)
        {
            var field = table.Field(rule.Action.Field!)!;
            FieldValues.TryParse(field, rule.Action.Value, out var value, out _);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await records.SetFieldAsync(table, record, field, value, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return;
        }

        var model = table.Fields.ToDictionary(f => f.Key, f => values.TryGetPropertyValue(f.Key, out var v) ? FieldValues.Display(f, v) : string.Empty);
        var to = rule.Action.To ?? (model.GetValueOrDefault(rule.Action.ToField!) is { Length: > 0 } address ? address : null);
        if (to is null) throw new RuleException($"The record has no e-mail address in {table.Field(rule.Action.ToField!)?.Name ?? "the address field"}.");
        var subject = RenderTemplate(rule.Action.Subject!, model).ReplaceLineEndings(" ").Trim();
        var body = RenderTemplate(rule.Action.Body!, model);
        mailer.Queue("solution-rule", new Dictionary<string, string?>
        {
            ["rule_subject"] = subject.Length > 400 ? subject[..400] : subject,
            ["rule_body"] = body,
            ["solution_name"] = solution.Name,
        }, new MailRecipient(to));
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task FinishAsync(Guid runId, string? error, bool ignoreTenant)
    {
        var runs = ignoreTenant ? db.Set<RuleRun>().IgnoreQueryFilters(["Tenant"]) : db.Set<RuleRun>();
        var done = time.GetUtcNow().UtcDateTime;
        await runs.Where(r => r.Id == runId).ExecuteUpdateAsync(
            s => s.SetProperty(r => r.DoneAt, done).SetProperty(r => r.Error, error).SetProperty(r => r.ClaimedUntil, (DateTime?)null), CancellationToken.None);
    }

    /// <summary>
    /// A tenant-written Scriban template over the record's values: plain strings only, no includes,
    /// strict variables (a typo is an error shown on the solution page), bounded loops and time.
    /// The output is text; the theme's e-mail layout HTML-escapes it.
    /// </summary>
    public static string RenderTemplate(string source, IReadOnlyDictionary<string, string> model)
    {
        var template = Template.Parse(source);
        if (template.HasErrors) throw new RuleException($"The template has errors: {string.Join("; ", template.Messages)}");
        var globals = new ScriptObject();
        foreach (var (key, value) in model) globals.Add(key, value);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var context = PartnerPortal.Mail.EmailRenderer.SandboxedContext(globals, timeout.Token);
        try
        {
            var output = template.Render(context);
            return output.Length > 20_000 ? output[..20_000] : output;
        }
        catch (Scriban.Syntax.ScriptRuntimeException ex)
        {
            throw new RuleException($"The template failed: {WebUtility.HtmlDecode(ex.OriginalMessage)}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Automation rule {RuleKey} of solution {SolutionId} failed")]
    private static partial void LogRuleFailed(ILogger logger, Exception exception, string ruleKey, Guid solutionId);
}

/// <summary>A rule that cannot run as written (a bad template, no address): not retried, shown to the builder.</summary>
public sealed class RuleException(string message) : Exception(message);
