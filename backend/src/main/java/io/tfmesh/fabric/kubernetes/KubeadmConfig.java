package io.tfmesh.fabric.kubernetes;

import org.jspecify.annotations.Nullable;

/**
 * What kubeadm recorded about the cluster in its {@code ClusterConfiguration}. The subnets are
 * kubeadm's strings as written ({@code podSubnet} may list two CIDRs, comma-separated, on a
 * dual-stack cluster); TF's kube-manager does not read them, which is why they can disagree
 * with the kube-manager ConfigMaps.
 *
 * @param resourceVersion of the {@code kube-system/kubeadm-config} ConfigMap it was read from
 */
public record KubeadmConfig(@Nullable String podSubnet, @Nullable String serviceSubnet,
		@Nullable String kubernetesVersion, @Nullable String dnsDomain, String resourceVersion) {

}
