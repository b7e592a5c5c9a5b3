using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PartnerPortal.Accounts;
using PartnerPortal.Resellers.Accounts;

namespace PartnerPortal.Resellers.Areas.Resellers.Pages.Clients;

/// <summary>Connect an existing account (R3): ask by its address, or answer accounts that entered the partner code.</summary>
public sealed class ConnectModel(PartnerAccess access, ConnectRequests requests, ResellerProgram program) : ResellerPage(access)
{
    [BindProperty]
    public string? Host { get; set; }

    public string? PartnerCode { get; private set; }

    public IReadOnlyList<(ConnectRequest Request, string AccountName)> Waiting { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        if (await LoadRightsAsync(cancellationToken) is { } refused) return refused;
        Message = message;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadRightsAsync(cancellationToken) is { } refused) return refused;
        if (await requests.RequestByHostAsync(Host, UserId, cancellationToken) is { } error) return await FailAsync(error, cancellationToken);
        return Redirect("/clients/connect?message=" + Uri.EscapeDataString($"The owners of {Host!.Trim()} were asked by e-mail. The account appears on your dashboard once they approve."));
    }

    public async Task<IActionResult> OnPostDecideAsync(Guid requestId, bool approve, CancellationToken cancellationToken)
    {
        if (await LoadRightsAsync(cancellationToken) is { } refused) return refused;
        var request = await requests.FindForResellerAsync(requestId, cancellationToken);
        if (request is null) return NotFound();
        if (await requests.DecideAsync(request, approve, UserId, cancellationToken) is { } error) return await FailAsync(error, cancellationToken);
        return Redirect("/clients/connect?message=" + Uri.EscapeDataString(approve ? "Connected: the account is now your client." : "Declined."));
    }

    private Task<IActionResult> FailAsync(string error, CancellationToken cancellationToken) => FailAsync(error, () => LoadAsync(cancellationToken));

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Waiting = await requests.WaitingForResellerAsync(cancellationToken);
        PartnerCode = await program.PartnerCodeAsync(Reseller.Id, cancellationToken);
    }
}
