using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace PartnerPortal.Accounts;

/// <summary>
/// Every name a form binds (<c>Name</c>, <c>ProductName</c>, <c>DisplayName</c>, …: any string
/// whose property or parameter name ends in "Name") is one line of text: no CR/LF, tab or other
/// control character. A name ends up in e-mail headers, CSV cells and page titles, where a line
/// break splits or forges what follows. Applied to every form of the host and the modules at once,
/// so a new page cannot forget it.
/// </summary>
public sealed class SingleLineNames : IModelValidatorProvider
{
    public void CreateValidators(ModelValidatorProviderContext context)
    {
        if (context.ModelMetadata.ModelType != typeof(string) || context.ModelMetadata.Name?.EndsWith("Name", StringComparison.Ordinal) != true) return;
        context.Results.Add(new ValidatorItem { Validator = Validator.Instance, IsReusable = true });
    }

    public static bool IsSingleLine(string? value) => value is null || !value.Any(char.IsControl);

    private sealed class Validator : IModelValidator
    {
        public static readonly Validator Instance = new();

        public IEnumerable<ModelValidationResult> Validate(ModelValidationContext context) =>
            context.Model is string text && !IsSingleLine(text)
                ? [new ModelValidationResult(string.Empty, "Use one line of plain text: no line breaks or control characters.")]
                : [];
    }
}
