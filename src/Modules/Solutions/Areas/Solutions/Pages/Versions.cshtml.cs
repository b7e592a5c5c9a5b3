using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Solutions.Definition;

namespace PartnerPortal.Solutions.Areas.Solutions.Pages;

/// <summary>Published versions, and what changed between any two (tables, fields, views, rules added, changed, removed).</summary>
public sealed class VersionsModel(PortalDbContext db, SolutionAccess access) : SolutionPageModel(access)
{
    public override SolutionSection Section => SolutionSection.Versions;

    public IReadOnlyList<SolutionVersion> Versions { get; private set; } = [];

    public int? A { get; private set; }

    public int? B { get; private set; }

    public IReadOnlyList<DefinitionChange>? Changes { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int? a, int? b, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, SolutionRight.Read, cancellationToken) is { } denied) return denied;
        Versions = await db.Set<SolutionVersion>().AsNoTracking().Where(v => v.SolutionId == id).OrderByDescending(v => v.Number).ToListAsync(cancellationToken);
        if (a is not null && b is not null && Versions.FirstOrDefault(v => v.Number == a) is { } from && Versions.FirstOrDefault(v => v.Number == b) is { } to)
        {
            (A, B) = (a, b);
            Changes = DefinitionDiff.Compare(PackageReader.ReadStoredDefinition(from.DefinitionJson), PackageReader.ReadStoredDefinition(to.DefinitionJson));
        }

        return Page();
    }
}
