using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Accounts;
using PartnerPortal.Resellers.Accounts;
using PartnerPortal.Resellers.Dashboard;
using PartnerPortal.Tenancy;
using PartnerPortal.Mail;

namespace PartnerPortal.Resellers.Areas.Resellers.Pages.Clients;

/// <summary>
/// One client account (R9, R12): its facts, and for partner admins hand over, detach and delete.
/// Every handler first checks the partner–client link; anyone else's id is a 404 and changes nothing.
/// </summary>
public sealed class ManageModel(PartnerAccess access, PartnerClients clients, ClientList list, ClientAccounts accounts, UndoTokens undo) : ResellerPage(access)
{
    public ClientLine? Line { get; private set; }

    public TenantInfo? Client { get; private set; }

    public int GraceDays => accounts.DeletionGraceDays;

    [BindProperty]
    [DeliverableAddress]
    public string? HandOverEmail { get; set; }

    [BindProperty]
    public string? ConfirmName { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid clientId, string? message, bool created, CancellationToken cancellationToken)
    {
        if (await LoadAsync(clientId, adminOnly: false, cancellationToken) is { } refused) return refused;
        Message = created ? $"{Client!.Name} was created on the free plan; its admin was sent an e-mail to activate it." : message;
        return Page();
    }

    public async Task<IActionResult> OnPostHandOverAsync(Guid clientId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(clientId, adminOnly: true, cancellationToken) is { } refused) return refused;
        if (string.IsNullOrWhiteSpace(HandOverEmail) || !ModelState.IsValid) return await FailAsync("Enter the client's e-mail address: it is invited as the account's owner.");
        await accounts.HandOverAsync(Client!, HandOverEmail, UserId, cancellationToken);
        return Redirect($"/clients/{clientId}?message=" + Uri.EscapeDataString($"{HandOverEmail.Trim()} was invited as owner of {Client!.Name}."));
    }

    public async Task<IActionResult> OnPostDetachAsync(Guid clientId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(clientId, adminOnly: true, cancellationToken) is { } refused) return refused;
        var detached = await accounts.DetachAsync(Client!, cancellationToken);
        return Redirect("/clients?message=" + Uri.EscapeDataString($"{Client!.Name} was detached: it keeps its data, pays for itself and no longer shows your price or your way in.")
                        + "&undo=" + Uri.EscapeDataString(undo.Seal(ClientAccounts.DetachUndoPurpose, Reseller.Id, detached)));
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid clientId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(clientId, adminOnly: true, cancellationToken) is { } refused) return refused;
        if (await accounts.DeleteAsync(Client!, ConfirmName, UserId, cancellationToken) is { } error) return await FailAsync(error);
        return Redirect("/clients?message=" + Uri.EscapeDataString($"{Client!.Name} was deleted: it is suspended now and removed for good in {GraceDays} days. Until then, restore it under “Deleted clients” below."));
    }

    private async Task<IActionResult?> LoadAsync(Guid clientId, bool adminOnly, CancellationToken cancellationToken)
    {
        if (await LoadRightsAsync(cancellationToken) is { } refused) return refused;
        Client = await clients.FindAsync(clientId, cancellationToken);
        Line = Client is null ? null : await list.OneAsync(Reseller.Id, UserId, Rights!, clientId, cancellationToken);
        if (Client is null || Line is null) return NotFound();
        if (adminOnly && !Rights!.IsPartnerAdmin) return StatusCode(StatusCodes.Status403Forbidden);
        return null;
    }

}
