using Microsoft.AspNetCore.Mvc;
using PartnerPortal.Accounts;
using PartnerPortal.Resellers.Accounts;
using PartnerPortal.Resellers.Dashboard;

namespace PartnerPortal.Resellers.Areas.Resellers.Pages.Clients;

/// <summary>The reseller dashboard (R4): the clients this partner user may enter, searched, sorted and paged.</summary>
public sealed class IndexModel(PartnerAccess access, ClientList list, ResellerProgram program, ConnectRequests requests, ClientAccounts accounts, UndoTokens undo) : ResellerPage(access)
{
    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    [FromQuery(Name = "sort")]
    public ClientSort Sort { get; set; }

    [FromQuery(Name = "desc")]
    public bool Descending { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<ClientLine> Lines { get; private set; } = [];

    public bool HasNext { get; private set; }

    public string? PartnerCode { get; private set; }

    public int WaitingRequests { get; private set; }

    /// <summary>Deleted clients a partner admin can still restore (R9).</summary>
    public IReadOnlyList<ClientAccounts.PendingDeletion> Deleted { get; private set; } = [];

    /// <summary>The sealed detach the message's "Undo" reverses (see <see cref="UndoTokens"/>).</summary>
    public string? Undo { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? message, string? undo, CancellationToken cancellationToken)
    {
        if (await LoadRightsAsync(cancellationToken) is { } refused) return refused;
        Message = message;
        Undo = Rights!.IsPartnerAdmin && message is not null ? undo : null;
        if (Search is { Length: > 100 }) Search = Search[..100];
        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        var result = await list.PageAsync(Reseller.Id, UserId, new ClientQuery(Search, Enum.IsDefined(Sort) ? Sort : ClientSort.Name, Descending, PageNumber), cancellationToken);
        (Lines, HasNext, _) = result!.Value;
        if (Rights!.IsPartnerAdmin)
        {
            PartnerCode = await program.PartnerCodeAsync(Reseller.Id, cancellationToken);
            WaitingRequests = (await requests.WaitingForResellerAsync(cancellationToken)).Count;
            Deleted = await accounts.PendingDeletionsAsync(cancellationToken);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(Guid deletionId, CancellationToken cancellationToken)
    {
        if (await LoadRightsAsync(cancellationToken) is { } refused) return refused;
        if (!Rights!.IsPartnerAdmin) return StatusCode(Microsoft.AspNetCore.Http.StatusCodes.Status403Forbidden);
        var name = await accounts.RestoreAsync(deletionId, cancellationToken);
        if (name is null) return NotFound();
        return Redirect("/clients?message=" + Uri.EscapeDataString($"{name} was restored: it is active again on its addresses, with all its data, and you serve it again."));
    }

    /// <summary>Serves a just-detached client again exactly as before (link, people, billing), within <see cref="UndoTokens.Lifetime"/>.</summary>
    public async Task<IActionResult> OnPostUndoDetachAsync(string? token, CancellationToken cancellationToken)
    {
        if (await LoadRightsAsync(cancellationToken) is { } refused) return refused;
        if (!Rights!.IsPartnerAdmin) return StatusCode(Microsoft.AspNetCore.Http.StatusCodes.Status403Forbidden);
        var detached = undo.Open<ClientAccounts.DetachedClient>(token, ClientAccounts.DetachUndoPurpose, Reseller.Id);
        if (detached is null)
            return Redirect("/clients?message=" + Uri.EscapeDataString($"That detach can no longer be undone (Undo lasts {UndoTokens.Lifetime.TotalMinutes:0} minutes). The account's owner can ask you to serve it again under Settings → Reseller."));
        if (await accounts.UndoDetachAsync(detached, cancellationToken) is { } error) return Redirect("/clients?message=" + Uri.EscapeDataString(error));
        return Redirect("/clients?message=" + Uri.EscapeDataString($"{detached.ClientName} is yours again: the same people reach it, with your price and billing as before."));
    }

    /// <summary>A link to this list with one thing changed.</summary>
    public string Link(ClientSort? sort = null, bool? descending = null, int? page = null)
    {
        var query = new List<string>();
        if (!string.IsNullOrWhiteSpace(Search)) query.Add("q=" + Uri.EscapeDataString(Search));
        var s = sort ?? Sort;
        if (s != ClientSort.Name) query.Add("sort=" + s.ToString().ToLowerInvariant());
        if (descending ?? Descending) query.Add("desc=true");
        var p = page ?? 1;
        if (p > 1) query.Add("page=" + p);
        return "/clients" + (query.Count > 0 ? "?" + string.Join("&", query) : string.Empty);
    }

    /// <summary>The link of a sortable column: ascending first, descending when already sorted ascending by it.</summary>
    public string SortLink(ClientSort column) => Link(column, descending: Sort == column && !Descending);

    public string? AriaSort(ClientSort column) => Sort != column ? null : Descending ? "descending" : "ascending";
}
