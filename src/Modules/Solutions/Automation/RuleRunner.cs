using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnerPortal.Data;
using PartnerPortal.Mail;
using PartnerPortal.Solutions.Definition;
using PartnerPortal.Solutions.Records;
using PartnerPortal.Tenancy;
using Scriban;
using Scriban.Runtime;

namespace PartnerPortal.Solutions.Automation;

/// <summary>
/// Runs queued automation rules in the background, each in its organization's tenant context.
/// A run is claimed with a conditional update first (like the mail outbox), so two instances never
/// run it twice; a failure is retried a few times and then shown on the solution page.
/// </summary>
public sealed partial class RuleRunner(IServiceScopeFactory scopes, TimeProvider time, ILogger<RuleRunner> logger) : BackgroundService
{
    public const int MaxAttempts = 3;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ClaimDuration = TimeSpan.FromMinutes(2);
    private readonly string _instance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await RunDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRunnerFailed(logger, ex);
            }

            if (handled == 0)
            {
                try
                {
                    await Task.Delay(PollInterval, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        List<Guid> due;
        var now = time.GetUtcNow().UtcDateTime;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            // The runner works for every organization; each run is then handled inside its own tenant.
            due = await db.Set<RuleRun>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
                .Where(r => r.DoneAt == null && r.DueAt <= now && (r.ClaimedUntil == null || r.ClaimedUntil < now))
                .OrderBy(r => r.DueAt).Select(r => r.Id).Take(20).ToListAsync(cancellationToken);
        }

        foreach (var id in due)
        {
            await RunOneAsync(id, now, cancellationToken);
        }

        return due.Count;
    }

    private async Task RunOneAsync(Guid runId, DateTime now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<PortalDbContext>();
        var claimedUntil = now + ClaimDuration;
        var claimed = await db.Set<RuleRun>().IgnoreQueryFilters(["Tenant"])
            .Where(r => r.Id == runId && r.DoneAt == null && (r.ClaimedUntil == null || r.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClaimedBy, _instance).SetProperty(r => r.ClaimedUntil, claimedUntil), cancellationToken);
        if (claimed != 1) return;

        var tenantId = await db.Set<RuleRun>().IgnoreQueryFilters(["Tenant"]).Where(r => r.Id == runId).Select(r => r.TenantId).SingleAsync(cancellationToken);
        var tenant = await services.GetRequiredService<ITenantStore>().FindByIdAsync(tenantId, cancellationToken);
        if (tenant is null)
        {
            await FinishAsync(db, runId, null, ignoreTenant: true);
            return;
        }

        using var _ = services.GetRequiredService<ITenantContext>().Change(tenant);
        var run = await db.Set<RuleRun>().SingleAsync(r => r.Id == runId, cancellationToken);
        try
        {
            await ExecuteRuleAsync(services, db, run, cancellationToken);
            await FinishAsync(db, runId, null, ignoreTenant: false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            db.ChangeTracker.Clear();
            var error = ex is RuleException ? ex.Message : $"The rule failed: {ex.Message}";
            if (error.Length > 2000) error = error[..2000];
            var attempts = run.Attempts + 1;
            if (attempts >= MaxAttempts || ex is RuleException)
            {
                await FinishAsync(db, runId, error, ignoreTenant: false);
                await db.Set<Solution>().Where(s => s.Id == run.SolutionId).ExecuteUpdateAsync(
                    s => s.SetProperty(x => x.LastRuleError, $"{run.RuleKey}: {error}").SetProperty(x => x.LastRuleErrorAt, time.GetUtcNow().UtcDateTime), CancellationToken.None);
            }
            else
            {
                var retryAt = time.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(10 * attempts);
                await db.Set<RuleRun>().Where(r => r.Id == runId).ExecuteUpdateAsync(
                    s => s.SetProperty(r => r.Attempts, attempts).SetProperty(r => r.DueAt, retryAt).SetProperty(r => r.Error, error).SetProperty(r => r.ClaimedUntil, (DateTime?)null), CancellationToken.None);
            }

            LogRuleFailed(logger, run.RuleKey, run.SolutionId, error);
        }
    }

    private async Task ExecuteRuleAsync(IServiceProvider services, PortalDbContext db, RuleRun run, CancellationToken cancellationToken)
    {
        var solution = await db.Set<Solution>().SingleOrDefaultAsync(s => s.Id == run.SolutionId, cancellationToken);
        var record = await db.Set<SolutionRecord>().SingleOrDefaultAsync(r => r.Id == run.RecordId, cancellationToken);
        if (solution is null || record is null) return; // deleted meanwhile: nothing to do
        var definition = await services.GetRequiredService<SolutionLibrary>().PublishedDefinitionAsync(solution, cancellationToken);
        var rule = definition?.Rules.FirstOrDefault(r => r.Key == run.RuleKey);
        var table = rule is null ? null : definition!.Table(rule.Table);
        if (rule is null || table is null) return; // the rule was removed in a later version

        var values = JsonNode.Parse(record.ValuesJson) as JsonObject ?? [];
        if (rule.Action.Type == RuleActionType.SetField)
        {
            var field = table.Field(rule.Action.Field!)!;
            FieldValues.TryParse(field, rule.Action.Value, out var value, out _);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await services.GetRequiredService<RecordStore>().SetFieldAsync(table, record, field, value, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return;
        }

        var model = table.Fields.ToDictionary(f => f.Key, f => values.TryGetPropertyValue(f.Key, out var v) ? FieldValues.Display(f, v) : string.Empty);
        var to = rule.Action.To ?? (model.GetValueOrDefault(rule.Action.ToField!) is { Length: > 0 } address ? address : null);
        if (to is null) throw new RuleException($"The record has no e-mail address in '{rule.Action.ToField}'.");
        var subject = RenderTemplate(rule.Action.Subject!, model).ReplaceLineEndings(" ").Trim();
        var body = RenderTemplate(rule.Action.Body!, model);
        services.GetRequiredService<IMailer>().Queue("solution-rule", new Dictionary<string, string?>
        {
            ["rule_subject"] = subject.Length > 400 ? subject[..400] : subject,
            ["rule_body"] = body,
            ["solution_name"] = solution.Name,
        }, new MailRecipient(to));
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task FinishAsync(PortalDbContext db, Guid runId, string? error, bool ignoreTenant)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The automation runner could not read its queue; it will try again.")]
    private static partial void LogRunnerFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Automation rule {RuleKey} of solution {SolutionId} failed: {Error}")]
    private static partial void LogRuleFailed(ILogger logger, string ruleKey, Guid solutionId, string error);
}

/// <summary>A rule that cannot run as written (a bad template, no address): not retried, shown to the builder.</summary>
public sealed class RuleException(string message) : Exception(message);
