using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace PartnerPortal.Web.Hosting;

/// <summary>
/// Words the framework would otherwise show a person: model-binding errors name the field as a
/// page labels it ("Monthly list price", never "MonthlyListPrice"), and a form whose token expired
/// is told apart from a server error (see <see cref="FormExpired"/>).
/// </summary>
public static class PlainWords
{
    public static void Apply(MvcOptions options)
    {
        options.ModelMetadataDetailsProviders.Add(new HumanNames());
        options.Filters.Add(new FormExpiredFilter());
        var messages = options.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => $"“{value}” is not valid for {field}.");
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"“{value}” is not valid here. Check the value and try again.");
        messages.SetUnknownValueIsInvalidAccessor(field => $"The value of {field} is not valid.");
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Check the value: it is not valid.");
        messages.SetValueIsInvalidAccessor(value => $"“{value}” is not valid here.");
        messages.SetValueMustBeANumberAccessor(field => $"{field} must be a number.");
        messages.SetNonPropertyValueMustBeANumberAccessor(() => "Enter a number.");
        messages.SetValueMustNotBeNullAccessor(field => $"Enter a value for {field}.");
        messages.SetMissingBindRequiredValueAccessor(field => $"Enter a value for {field}.");
        messages.SetMissingKeyOrValueAccessor(() => "Enter a value.");
        messages.SetMissingRequestBodyRequiredValueAccessor(() => "The form arrived empty. Fill it in and send it again.");
    }

    /// <summary>"MonthlyListPrice" → "Monthly list price"; "Form.StartsOn" is named by its last part.</summary>
    public static string Humanize(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        foreach (var (c, i) in name.Select((c, i) => (c, i)))
        {
            if (c is '_' or '.') { text.Clear(); continue; }
            if (i > 0 && char.IsUpper(c) && text.Length > 0 && !char.IsUpper(name[i - 1])) text.Append(' ').Append(char.ToLowerInvariant(c));
            else text.Append(text.Length == 0 ? char.ToUpperInvariant(c) : c);
        }

        return text.Length == 0 ? name : text.ToString();
    }

    /// <summary>A property or handler parameter without a [Display] name is named in words.</summary>
    private sealed class HumanNames : IDisplayMetadataProvider
    {
        public void CreateDisplayMetadata(DisplayMetadataProviderContext context)
        {
            if (context.DisplayMetadata.DisplayName is not null || context.Key.Name is not { Length: > 0 } name) return;
            var words = Humanize(name);
            context.DisplayMetadata.DisplayName = () => words;
        }
    }

    /// <summary>Marks a request refused for its form token, so the error page says the form expired and offers it again.</summary>
    private sealed class FormExpiredFilter : IAlwaysRunResultFilter
    {
        public void OnResultExecuting(ResultExecutingContext context)
        {
            if (context.Result is IAntiforgeryValidationFailedResult) context.HttpContext.Features.Set(new FormExpired());
        }

        public void OnResultExecuted(ResultExecutedContext context)
        {
        }
    }
}

/// <summary>Set on a request whose form token was missing or expired (the error page reads it).</summary>
public sealed record FormExpired;
