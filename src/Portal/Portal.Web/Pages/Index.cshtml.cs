using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PartnerPortal.Web.Pages;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
