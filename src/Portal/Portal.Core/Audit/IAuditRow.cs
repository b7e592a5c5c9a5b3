namespace PartnerPortal.Audit;

/// <summary>What every audit log's row has, so one page can filter, search, page and export any of them.</summary>
public interface IAuditRow
{
    long Id { get; }

    DateTime At { get; }

    string Action { get; }

    string? UserEmail { get; }

    string? Detail { get; }

    string? IpAddress { get; }
}
