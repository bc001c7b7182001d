package client

import "context"

// KubernetesVersionsService reads /v1/kubernetes-versions.
type KubernetesVersionsService struct{ c *Client }

// List returns the Kubernetes versions clusters may use ("MAJOR.MINOR"), oldest first.
func (s *KubernetesVersionsService) List(ctx context.Context) ([]string, error) {
	p, err := path("kubernetes-versions")
	out, err := getJSON[struct {
		Items []string `json:"items"`
	}](ctx, s.c, p, err, nil)
	if err != nil {
		return nil, err
	}
	return out.Items, nil
}
