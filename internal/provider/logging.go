package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// tokenFieldKeys are field names whose values are always masked, whatever they hold.
var tokenFieldKeys = []string{"token", "authorization", "secret"}

// maskToken returns ctx with the token masked in every tflog message and field value, and the
// values of credential-like fields masked outright.
func maskToken(ctx context.Context, token string) context.Context {
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, tokenFieldKeys...)
	if token != "" {
		ctx = tflog.MaskAllFieldValuesStrings(ctx, token)
		ctx = tflog.MaskMessageStrings(ctx, token)
	}
	return ctx
}

// tflogLogger adapts the client's Logger to tflog. The client logs with the context of each call
// (a resource's CRUD context), not Configure's, so the masks are applied here, per line: the
// client promises never to log the token, and this makes it impossible even if that changed.
type tflogLogger struct {
	token string
}

var _ client.Logger = tflogLogger{}

func (l tflogLogger) Debug(ctx context.Context, msg string, fields map[string]any) {
	tflog.Debug(maskToken(ctx, l.token), msg, fields)
}

func (l tflogLogger) Info(ctx context.Context, msg string, fields map[string]any) {
	tflog.Info(maskToken(ctx, l.token), msg, fields)
}

func (l tflogLogger) Warn(ctx context.Context, msg string, fields map[string]any) {
	tflog.Warn(maskToken(ctx, l.token), msg, fields)
}
