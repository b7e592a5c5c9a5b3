using System.Collections.Concurrent;
using System.Net;
using System.Text;
using PartnerPortal.Theming;
using Scriban;
using Scriban.Runtime;

namespace PartnerPortal.Mail;

public sealed record RenderedEmail(string Subject, string Html, string Text);

/// <summary>
/// Renders a theme's Scriban e-mail templates (T7). Templates are parsed once per file version;
/// every render gets a fresh, sandboxed <see cref="TemplateContext"/> holding only a flat object of
/// plain strings, HTML-escaped for the HTML part. Templates cannot include other files.
/// </summary>
public sealed class EmailRenderer(ThemeCatalog themes)
{
    private const int MaxOutputChars = 512 * 1024;
    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<string, (DateTime Version, Template Template)> _parsed = new();

    public RenderedEmail Render(string? theme, string template, IReadOnlyDictionary<string, string?> model)
    {
        var subject = RenderFile(theme, $"emails/{template}.subject.sbn", model, html: false).Trim();
        var htmlBody = RenderFile(theme, $"emails/{template}.html.sbn", model, html: true);
        var textBody = RenderFile(theme, $"emails/{template}.txt.sbn", model, html: false);

        var withSubject = new Dictionary<string, string?>(model) { ["subject"] = subject };
        var html = RenderFile(theme, "emails/_layout.html.sbn", withSubject, html: true, content: htmlBody);
        var text = RenderFile(theme, "emails/_layout.txt.sbn", withSubject, html: false, content: textBody);
        return new RenderedEmail(subject.ReplaceLineEndings(" "), html, text);
    }

    /// <summary>Renders one template file found along the theme chain; <paramref name="content"/> is trusted, already rendered output.</summary>
    public string RenderFile(string? theme, string relativePath, IReadOnlyDictionary<string, string?> model, bool html, string? content = null)
    {
        var path = themes.FindFile(theme, relativePath)
                   ?? throw new FileNotFoundException($"No theme provides '{relativePath}'.", relativePath);
        var parsed = Parse(path);

        var globals = new ScriptObject();
        foreach (var (key, value) in model)
        {
            globals.Add(key, html ? WebUtility.HtmlEncode(value ?? string.Empty) : value ?? string.Empty);
        }

        if (content is not null) globals.Add("content", content);

        using var timeout = new CancellationTokenSource(RenderTimeout);
        var output = new BoundedWriter(MaxOutputChars);
        var context = SandboxedContext(globals, timeout.Token);
        context.PushOutput(new TextWriterOutput(output));
        parsed.Render(context);
        return output.ToString();
    }

    /// <summary>
    /// The sandbox every tenant-facing Scriban render runs in: only the given flat globals, strict
    /// variables, no template loader, bounded loops, recursion, string conversion and regex time.
    /// A new one per render, never shared across tenants.
    /// </summary>
    public static TemplateContext SandboxedContext(ScriptObject globals, CancellationToken cancellationToken)
    {
        var context = new TemplateContext
        {
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            LoopLimit = 1000,
            RecursiveLimit = 20,
            LimitToString = 10_000,
            RegexTimeOut = TimeSpan.FromMilliseconds(200),
            TemplateLoader = null,
            CancellationToken = cancellationToken,
        };
        context.PushGlobal(globals);
        return context;
    }

    private Template Parse(string path)
    {
        var version = File.GetLastWriteTimeUtc(path);
        if (_parsed.TryGetValue(path, out var cached) && cached.Version == version) return cached.Template;

        var template = Template.Parse(File.ReadAllText(path), path);
        if (template.HasErrors)
        {
            throw new InvalidOperationException($"Template '{path}' has errors: {string.Join("; ", template.Messages)}");
        }

        _parsed[path] = (version, template);
        return template;
    }

    /// <summary>Stops a runaway template instead of filling memory.</summary>
    private sealed class BoundedWriter(int limit) : StringWriter
    {
        private readonly StringBuilder _builder = new();

        public override void Write(char value)
        {
            Check(1);
            _builder.Append(value);
        }

        public override void Write(string? value)
        {
            Check(value?.Length ?? 0);
            _builder.Append(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            Check(count);
            _builder.Append(buffer, index, count);
        }

        public override string ToString() => _builder.ToString();

        private void Check(int adding)
        {
            if (_builder.Length + adding > limit) throw new InvalidOperationException($"E-mail output passed {limit} characters.");
        }
    }
}
