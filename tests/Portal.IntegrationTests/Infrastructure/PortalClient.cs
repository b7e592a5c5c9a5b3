using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace PartnerPortal.IntegrationTests.Infrastructure;

/// <summary>An HTTP client for one host, like one browser tab: cookies kept, redirects not followed, forms posted with their antiforgery token.</summary>
public sealed class PortalClient(HttpClient http, CookieContainer jar, string host) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http { get; } = http;

    public CookieContainer Jar { get; } = jar;

    public string Host { get; } = host;

    public Task<HttpResponseMessage> GetAsync(string path) => Http.GetAsync(path);

    public async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetPageAsync(string path)
    {
        var response = await Http.GetAsync(path);
        return (response, await ParseAsync(response));
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>Loads <paramref name="pagePath"/>, takes the antiforgery token of its form, and posts the fields to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pagePath, IDictionary<string, string> fields, string? action = null, int formIndex = -1)
    {
        var (page, document) = await GetPageAsync(pagePath);
        if (page.StatusCode != HttpStatusCode.OK) return page;

        // The page's own forms come first: the layout's header holds a sign-out form too.
        var forms = document.QuerySelectorAll("main form[method=post]").Concat(document.QuerySelectorAll("form[method=post]")).OfType<IHtmlFormElement>().Distinct().ToList();
        var form = formIndex >= 0 ? forms[formIndex] : forms.FirstOrDefault(f => f.QuerySelector("input[name=__RequestVerificationToken]") is not null) ?? forms.First();
        var token = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
                    ?? document.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
                    ?? throw new InvalidOperationException($"No antiforgery token on {pagePath}.");
        var content = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        var formAction = form?.GetAttribute("action");
        var target = action ?? (string.IsNullOrEmpty(formAction) ? pagePath : formAction);
        return await Http.PostAsync(target, new FormUrlEncodedContent(content));
    }

    /// <summary>
    /// Sends <paramref name="form"/> as a browser does: its own named fields (its antiforgery token among them, or
    /// none), with <paramref name="changes"/> over them, to its own action.
    /// </summary>
    public Task<HttpResponseMessage> SubmitAsync(IHtmlFormElement form, IDictionary<string, string>? changes = null)
    {
        var content = form.QuerySelectorAll<IHtmlInputElement>("input[name]").Where(i => i.Type is not ("checkbox" or "radio") || i.IsChecked)
            .GroupBy(i => i.Name!).ToDictionary(g => g.Key, g => g.First().Value);
        foreach (var (name, value) in changes ?? new Dictionary<string, string>()) content[name] = value;
        return Http.PostAsync(form.GetAttribute("action") ?? throw new InvalidOperationException("The form has no action."), new FormUrlEncodedContent(content));
    }

    /// <summary>Like <see cref="PostFormAsync"/>, as multipart/form-data with files (name → file name and bytes).</summary>
    public async Task<HttpResponseMessage> PostMultipartAsync(string pagePath, IDictionary<string, string> fields, IDictionary<string, (string FileName, byte[] Content)> files, string? action = null)
    {
        var (page, document) = await GetPageAsync(pagePath);
        if (page.StatusCode != HttpStatusCode.OK) return page;

        var token = document.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
                    ?? throw new InvalidOperationException($"No antiforgery token on {pagePath}.");
        var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields) content.Add(new StringContent(value), name);
        foreach (var (name, file) in files)
        {
            var part = new ByteArrayContent(file.Content);
            // What a browser would claim from the file name; the portal must not believe it.
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
            content.Add(part, name, file.FileName);
        }

        return await Http.PostAsync(action ?? pagePath, content);
    }

    public async Task<HttpResponseMessage> SignInAsync(string email, string password = TestWorld.Password)
    {
        return await PostFormAsync("/account/signin", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
    }

    public void Dispose() => Http.Dispose();
}
