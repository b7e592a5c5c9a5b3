using System.Globalization;
using PartnerPortal.Files;
using PartnerPortal.Resellers.Dashboard;

namespace PartnerPortal.Resellers.Exports;

/// <summary>
/// Writes the client list as CSV or as an .xlsx workbook straight to a stream, row by row as the
/// rows are read (R10), through the kernel's <see cref="TableFileWriter"/> (CsvHelper, Open XML SDK):
/// memory stays flat however many clients there are. No cell is ever a formula.
/// </summary>
public static class ClientExport
{
    /// <summary>Header and cells of one client; price columns only when <paramref name="withPrices"/>.</summary>
    public static IReadOnlyList<string> Header(bool withPrices) =>
        withPrices
            ? ["Name", "Hosts", "Plan", "Status", "Records", "Record limit", "Members", "Member limit", "Custom domains", "Domain limit", "Currency", "List price", "Your cost", "Your price", "Your price kind", "Last activity (UTC)", "Created (UTC)"]
            : ["Name", "Hosts", "Plan", "Status", "Records", "Record limit", "Members", "Member limit", "Custom domains", "Domain limit", "Last activity (UTC)", "Created (UTC)"];

    public static IReadOnlyList<string> Cells(ClientLine line, bool withPrices)
    {
        var cells = new List<string>
        {
            line.Name,
            string.Join(" ", line.Hosts),
            line.PlanName,
            ClientStatusText.Of(line),
            Number(line.Records),
            Limit(line.RecordLimit),
            Number(line.Members),
            Limit(line.MemberLimit),
            Number(line.Domains),
            Limit(line.DomainLimit),
        };
        if (withPrices)
        {
            cells.Add(line.Currency);
            cells.Add(Money(line.ListPrice));
            cells.Add(Money(line.ResellerCost));
            cells.Add(line.ResellerPrice is null ? string.Empty : $"{Money(line.ResellerPrice)} {line.ResellerPriceCurrency}".Trim());
            cells.Add(line.ResellerPrice is null ? string.Empty : line.ResellerPriceKind?.ToString().ToLowerInvariant() ?? string.Empty);
        }

        cells.Add(line.LastActiveAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? string.Empty);
        cells.Add(line.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        return cells;
    }

    /// <summary>The header and a row per client, written as they are read.</summary>
    public static async Task WriteAsync(Stream output, TableFileFormat format, IAsyncEnumerable<ClientLine> lines, bool withPrices, CancellationToken cancellationToken)
    {
        await using var writer = TableFileWriter.Create(output, format, "Clients");
        await writer.WriteRowAsync(Header(withPrices), cancellationToken);
        await foreach (var line in lines.WithCancellation(cancellationToken)) await writer.WriteRowAsync(Cells(line, withPrices), cancellationToken);
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Limit(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "unlimited";

    private static string Money(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? string.Empty;
}

/// <summary>How a status reads on the dashboard and in exports.</summary>
public static class ClientStatusText
{
    public static string Of(ClientLine line) => Billing.AccountStatusText.Of(line.Status,
        Billing.AccountStatusText.AboveALimit(line.Records, line.RecordLimit, line.Members, line.MemberLimit, line.Domains, line.DomainLimit)).ToLowerInvariant();
}
