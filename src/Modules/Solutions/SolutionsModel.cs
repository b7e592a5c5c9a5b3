using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Solutions.Records;

namespace PartnerPortal.Solutions;

/// <summary>The module's tables, all prefixed <c>Solutions_</c>.</summary>
internal static class SolutionsModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<Solution>(b =>
        {
            b.ToTable("Solutions_Solutions");
            b.Property(s => s.Name).HasMaxLength(200);
            b.Property(s => s.Tags).HasMaxLength(1000);
            b.Property(s => s.SourceOrganization).HasMaxLength(200);
            b.Property(s => s.SourceRecipe).HasMaxLength(200);
            b.Property(s => s.LastRuleError).HasMaxLength(2000);
            b.Property(s => s.SuspensionReason).HasMaxLength(500);
            b.Property(s => s.ProtectedBy).HasMaxLength(200);
            b.HasIndex(s => new { s.TenantId, s.SourceSolutionId });
            b.HasIndex(s => new { s.TenantId, s.WorkspaceId, s.Name });
            // Workspaces cascade from organizations; a solution goes with its workspace.
            b.HasOne<Workspace>().WithMany().HasForeignKey(s => s.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<SolutionVersion>(b =>
        {
            b.ToTable("Solutions_Versions");
            b.Property(v => v.PublishedByEmail).HasMaxLength(254);
            b.HasIndex(v => new { v.TenantId, v.SolutionId, v.Number }).IsUnique();
            b.HasOne<Solution>().WithMany().HasForeignKey(v => v.SolutionId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<SolutionAssignment>(b =>
        {
            b.ToTable("Solutions_Assignments");
            b.Property(a => a.ClientTag).HasMaxLength(40);
            b.HasIndex(a => new { a.TenantId, a.SolutionId, a.UserId }).IsUnique();
            b.HasIndex(a => new { a.TenantId, a.UserId });
            b.HasOne<Solution>().WithMany().HasForeignKey(a => a.SolutionId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<RecipeLibrary>(b =>
        {
            b.ToTable("Solutions_RecipeLibraries");
            b.HasIndex(r => new { r.TenantId, r.WorkspaceId }).IsUnique();
            b.HasOne<Workspace>().WithMany().HasForeignKey(r => r.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<SolutionRecord>(b =>
        {
            b.ToTable("Solutions_Records");
            b.Property(r => r.TableKey).HasMaxLength(40);
            b.Property(r => r.Tags).HasMaxLength(1000).HasDefaultValue("|");
            b.HasIndex(r => new { r.TenantId, r.SolutionId, r.TableKey });
            // A page's records by id: with the tenant first it wins over the tenant's (solution, table) index, which would scan.
            b.HasIndex(r => new { r.TenantId, r.Id });
            b.HasOne<Solution>().WithMany().HasForeignKey(r => r.SolutionId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<RecordValue>(b =>
        {
            b.ToTable("Solutions_RecordValues");
            b.Property(v => v.TableKey).HasMaxLength(40);
            b.Property(v => v.FieldKey).HasMaxLength(40);
            b.Property(v => v.SortKey).HasMaxLength(120);
            b.HasIndex(v => new { v.TenantId, v.SolutionId, v.TableKey, v.FieldKey, v.SortKey });
            // Leads with the tenant, so lookups by record (filters, a search's matches) win over the tenant's sort index.
            b.HasIndex(v => new { v.TenantId, v.RecordId, v.FieldKey });
            b.HasOne<SolutionRecord>().WithMany().HasForeignKey(v => v.RecordId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<RecordToken>(b =>
        {
            b.ToTable("Solutions_RecordTokens");
            b.Property(t => t.TableKey).HasMaxLength(40);
            b.Property(t => t.Token).HasMaxLength(40);
            b.HasIndex(t => new { t.TenantId, t.SolutionId, t.TableKey, t.Token });
            b.HasIndex(t => t.RecordId);
            b.HasOne<SolutionRecord>().WithMany().HasForeignKey(t => t.RecordId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<RecordImportRun>(b =>
        {
            b.ToTable("Solutions_Imports");
            b.Property(r => r.TableKey).HasMaxLength(40);
            b.Property(r => r.FileName).HasMaxLength(200);
            b.Property(r => r.ClientTag).HasMaxLength(40);
            b.Property(r => r.Error).HasMaxLength(2000);
            b.HasIndex(r => new { r.TenantId, r.SolutionId });
            // The job's look for queued imports across organizations.
            b.HasIndex(r => new { r.Status, r.CreatedAt });
            b.HasOne<Solution>().WithMany().HasForeignKey(r => r.SolutionId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<RecordExportRun>(b =>
        {
            b.ToTable("Solutions_Exports");
            b.Property(r => r.TableKey).HasMaxLength(40);
            b.Property(r => r.RequestJson).HasMaxLength(4000);
            b.Property(r => r.ClientTag).HasMaxLength(40);
            b.Property(r => r.Error).HasMaxLength(2000);
            b.HasIndex(r => new { r.TenantId, r.SolutionId, r.UserId });
            // The job's look for queued exports and expired files across organizations.
            b.HasIndex(r => new { r.Status, r.CreatedAt });
            b.HasOne<Solution>().WithMany().HasForeignKey(r => r.SolutionId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<RecordExportPart>(b =>
        {
            b.ToTable("Solutions_ExportParts");
            b.HasKey(p => new { p.RunId, p.Number });
            b.HasIndex(p => p.TenantId);
            b.HasOne<RecordExportRun>().WithMany().HasForeignKey(p => p.RunId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<RecordCounter>(b =>
        {
            b.ToTable("Solutions_RecordCounters");
            b.HasIndex(c => c.TenantId).IsUnique();
            b.HasOne<Organization>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<RuleRun>(b =>
        {
            b.ToTable("Solutions_RuleRuns");
            b.Property(r => r.RuleKey).HasMaxLength(40);
            b.Property(r => r.ClaimedBy).HasMaxLength(100);
            b.Property(r => r.Error).HasMaxLength(2000);
            b.HasIndex(r => new { r.DoneAt, r.DueAt });
            b.HasIndex(r => new { r.TenantId, r.SolutionId });
            // No FK: a run outlives a deleted record and then just finishes with nothing to do.
        });
        model.Entity<Center.SolutionListing>(b =>
        {
            b.ToTable("Solutions_Listings");
            b.Property(l => l.Name).HasMaxLength(200);
            b.Property(l => l.Description).HasMaxLength(Center.SolutionCenter.MaxDescription);
            b.Property(l => l.Industry).HasMaxLength(100);
            b.HasIndex(l => new { l.TenantId, l.SolutionId }).IsUnique();
            // The public pages read listed rows across publishers, most installed first.
            b.HasIndex(l => new { l.UnlistedAt, l.Installs });
            b.HasOne<Solution>().WithMany().HasForeignKey(l => l.SolutionId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<SolutionShare>(b =>
        {
            b.ToTable("Solutions_Shares");
            b.Property(s => s.Name).HasMaxLength(200);
            b.Property(s => s.FromOrganizationName).HasMaxLength(200);
            b.HasIndex(s => new { s.TenantId, s.ImportedAt });
            // The constraint keeps its name from before the column became TenantId: SQLite renames in place, no table rebuild.
            b.HasOne<Organization>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("FK_Solutions_Shares_Organizations_ToOrganizationId");
        });
        model.Entity<RecipeCopy>(b =>
        {
            b.ToTable("Solutions_RecipeCopies");
            b.Property(c => c.RecipientName).HasMaxLength(200);
            b.Property(c => c.CopyName).HasMaxLength(200);
            b.HasIndex(c => new { c.TenantId, c.RecipeSolutionId });
            b.HasOne<Solution>().WithMany().HasForeignKey(c => c.RecipeSolutionId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<SolutionUpdate>(b =>
        {
            b.ToTable("Solutions_Updates");
            b.Property(u => u.FromOrganizationName).HasMaxLength(200);
            b.Property(u => u.RecipeName).HasMaxLength(200);
            b.Property(u => u.AnsweredByEmail).HasMaxLength(254);
            b.HasIndex(u => new { u.TenantId, u.SolutionId, u.AppliedAt, u.DeclinedAt });
            b.HasOne<Solution>().WithMany().HasForeignKey(u => u.SolutionId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
