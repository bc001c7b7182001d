package client

import (
	"context"
	"fmt"
	"iter"
	"net/url"
	"strconv"
)

// MaxPageSize is the largest page the API serves; All uses it to make the fewest calls.
const MaxPageSize = 200

// ListOptions select one page of a list. PageSize 0 means the server's default (50);
// PageToken is the NextPageToken of the previous page ("" for the first).
type ListOptions struct {
	PageSize  int
	PageToken string
}

func (o ListOptions) query() url.Values {
	q := url.Values{}
	if o.PageSize != 0 {
		q.Set("page_size", strconv.Itoa(o.PageSize))
	}
	if o.PageToken != "" {
		q.Set("page_token", o.PageToken)
	}
	return q
}

// Page is one page of a list. NextPageToken is empty on the last page.
type Page[T any] struct {
	Items         []T    `json:"items"`
	NextPageToken string `json:"next_page_token"`
}

// all iterates over every item of a list, page by page, stopping at the first error (which
// it yields) or when the caller stops ranging.
func all[T any](ctx context.Context, list func(context.Context, ListOptions) (*Page[T], error)) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		opts := ListOptions{PageSize: MaxPageSize}
		for {
			page, err := list(ctx, opts)
			if err != nil {
				yield(nil, err)
				return
			}
			for i := range page.Items {
				if !yield(&page.Items[i], nil) {
					return
				}
			}
			if page.NextPageToken == "" {
				return
			}
			if page.NextPageToken == opts.PageToken {
				// A server bug must not turn into an endless loop.
				yield(nil, fmt.Errorf("platform client: server repeated page token %q", opts.PageToken))
				return
			}
			opts.PageToken = page.NextPageToken
		}
	}
}

// Collect gathers an iterator from All into a slice, stopping at the first error.
func Collect[T any](seq iter.Seq2[*T, error]) ([]T, error) {
	var out []T
	for item, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, *item)
	}
	return out, nil
}

// listPage fetches one page of the list at path p.
func listPage[T any](ctx context.Context, cl *Client, p string, err error, opts ListOptions) (*Page[T], error) {
	page, err := getJSON[Page[T]](ctx, cl, p, err, opts.query())
	if err != nil {
		return nil, err
	}
	if page.Items == nil {
		page.Items = []T{}
	}
	return page, nil
}
