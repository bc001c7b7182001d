package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

var _ function.Function = (*apiKeyWellFormedFunction)(nil)

// apiKeyWellFormedFunction is provider::platform::api_key_well_formed(key): the server's format
// check of an API key (client.APIKeyWellFormed), offline, so that a module can reject a truncated
// or mistyped key in a variable validation before anything uses it. It answers only true or
// false and never fails: an error message could otherwise carry the key into logs.
type apiKeyWellFormedFunction struct{}

// NewAPIKeyWellFormedFunction returns the api_key_well_formed function.
func NewAPIKeyWellFormedFunction() function.Function { return &apiKeyWellFormedFunction{} }

func (f *apiKeyWellFormedFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "api_key_well_formed"
}

func (f *apiKeyWellFormedFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Whether a string has the form of a platform API key",
		MarkdownDescription: "Returns true when `key` has the form of an API key: `pk_`, 43 base62 characters (32 random " +
			"bytes), `_` and a 6-character checksum of what comes before, checked offline exactly as the platform " +
			"checks it. A truncated, mistyped or pasted-wrong key (or a user token, `pt_...`) is false. It does not " +
			"tell whether the key exists, is expired or revoked: only the API knows. The key never appears in an " +
			"error; a sensitive argument gives a sensitive result.",
		Parameters: []function.Parameter{function.StringParameter{
			Name:                "key",
			MarkdownDescription: "The API key secret to check.",
		}},
		Return: function.BoolReturn{},
	}
}

func (f *apiKeyWellFormedFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var key string
	if resp.Error = req.Arguments.Get(ctx, &key); resp.Error != nil {
		return
	}
	resp.Error = resp.Result.Set(ctx, client.APIKeyWellFormed(key))
}
