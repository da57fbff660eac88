package io.tfmesh.inventory;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.tfmesh.net.IpAddresses;
import io.tfmesh.system.validation.DnsLabel;
import io.tfmesh.system.validation.HttpUrl;
import io.tfmesh.system.validation.IpAddress;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A cluster as clients send it. Secrets are write-only: on replacement a secret left out (null)
 * keeps its stored value.
 *
 * @param tfClusterName kube-manager's {@code KUBERNETES_CLUSTER_NAME}; {@value #DEFAULT_TF_CLUSTER_NAME}
 * when absent, as TF's own default
 * @param bgpAsn the cluster's BGP autonomous system; {@value #DEFAULT_ASN} (TF's default) when absent
 * @param controlNodes addresses of the TF control nodes
 * @param kubeManager where the kube-manager ConfigMaps live; TF's single-yaml layout when absent
 * @param introspect certificates for introspect over HTTPS; null keeps the stored ones
 */
public record ClusterRequest(@NotBlank @DnsLabel String name, @NotNull Long cloudId,
		@NotNull @Valid KubernetesAccess kubernetes, @NotNull @Valid TfAccess tungstenFabric,
		@Nullable @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_-]{0,62}",
				message = "may hold letters, digits, _ and -, at most 63 characters") String tfClusterName,
		@Nullable @Min(1) @Max(4294967295L) Long bgpAsn,
		@Nullable @Size(max = 32) List<@NotBlank @IpAddress String> controlNodes,
		@Nullable @Valid KubeManagerLocation kubeManager, @Nullable @Size(max = 64) Map<String, String> labels,
		@Nullable Long version, @Nullable IntrospectAccess introspect) {

	public static final String DEFAULT_TF_CLUSTER_NAME = "k8s";

	public static final long DEFAULT_ASN = 64512;

	/** The longest kubeconfig tfmesh reads, in characters. */
	public static final int MAX_KUBECONFIG = 1_048_576;

	public ClusterRequest {
		name = CloudRequest.strip(name);
		tfClusterName = tfClusterName == null || tfClusterName.isBlank() ? DEFAULT_TF_CLUSTER_NAME
				: tfClusterName.strip();
		bgpAsn = bgpAsn == null ? DEFAULT_ASN : bgpAsn;
		controlNodes = controlNodes == null ? List.of()
				: controlNodes.stream().map(CloudRequest::strip).map(IpAddresses::canonical).toList();
		kubeManager = kubeManager == null ? KubeManagerLocation.DEFAULT : kubeManager;
		// not Map.copyOf: a null value must reach validation, which names the label
		labels = labels == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(labels));
	}

	/** A cluster whose introspect certificates stay as they are. */
	public ClusterRequest(String name, Long cloudId, KubernetesAccess kubernetes, TfAccess tungstenFabric,
			@Nullable String tfClusterName, @Nullable Long bgpAsn, @Nullable List<String> controlNodes,
			@Nullable KubeManagerLocation kubeManager, @Nullable Map<String, String> labels, @Nullable Long version) {
		this(name, cloudId, kubernetes, tungstenFabric, tfClusterName, bgpAsn, controlNodes, kubeManager, labels,
				version, null);
	}

	/**
	 * The certificates contrail-status uses for introspect over HTTPS ({@code --cacert},
	 * {@code --certfile}, {@code --keyfile}), as PEM. All are write-only: null keeps the stored
	 * value, and {@code clear} removes all three, so introspect is read over plain HTTP first.
	 *
	 * @param caCertificate the CA that signed the introspect servers' certificates
	 * @param clientCertificate tfmesh's certificate, which the introspect servers require
	 * @param clientKey the unencrypted private key of the client certificate (PKCS#8 or PKCS#1 RSA)
	 * @param clear true to remove the stored certificates; absent is false
	 */
	public record IntrospectAccess(@Nullable @Size(max = 65_536) String caCertificate,
			@Nullable @Size(max = 65_536) String clientCertificate, @Nullable @Size(max = 65_536) String clientKey,
			@Nullable Boolean clear) {

		public IntrospectAccess {
			caCertificate = blankToNull(caCertificate);
			clientCertificate = blankToNull(clientCertificate);
			clientKey = blankToNull(clientKey);
			clear = Boolean.TRUE.equals(clear);
		}

		public boolean clears() {
			return Boolean.TRUE.equals(clear);
		}

		private static @Nullable String blankToNull(@Nullable String pem) {
			return pem == null || pem.isBlank() ? null : pem.strip();
		}

	}

	/**
	 * @param kubeconfig a kubeconfig file's content, for auth {@code kubeconfig}
	 * @param token a bearer token, for auth {@code token}
	 * @param caCertificate PEM of the API server's CA, for auth {@code token}
	 */
	public record KubernetesAccess(@NotBlank @HttpUrl String apiUrl, @NotNull KubernetesAuth auth,
			@Nullable @Size(max = MAX_KUBECONFIG) String kubeconfig, @Nullable @Size(max = 16_384) String token,
			@Nullable @Size(max = 65_536) String caCertificate) {

		public KubernetesAccess {
			apiUrl = CloudRequest.strip(apiUrl);
			caCertificate = caCertificate == null || caCertificate.isBlank() ? null : caCertificate.strip();
			kubeconfig = kubeconfig == null || kubeconfig.isBlank() ? null : kubeconfig;
			token = token == null || token.isBlank() ? null : token.strip();
		}

	}

	/** @param keystone required for auth {@code keystone} */
	public record TfAccess(@NotBlank @HttpUrl String apiUrl, @NotNull TfAuth auth, @Nullable @Valid Keystone keystone) {

		public TfAccess {
			apiUrl = CloudRequest.strip(apiUrl);
		}

	}

	/**
	 * Keystone credentials, as kube-manager's {@code [AUTH]} section holds them.
	 *
	 * @param project the tenant ({@code auth_tenant})
	 * @param password write-only; null keeps the stored one
	 */
	public record Keystone(@NotBlank @HttpUrl String url, @NotBlank @Size(max = 255) String username,
			@Nullable @Size(max = 1024) String password, @NotBlank @Size(max = 255) String project) {

		public Keystone {
			url = CloudRequest.strip(url);
			username = CloudRequest.strip(username);
			project = CloudRequest.strip(project);
			password = password == null || password.isEmpty() ? null : password;
		}

	}

	/** Namespace and names of the ConfigMaps that kube-manager reads its settings from. */
	public record KubeManagerLocation(@NotBlank @DnsLabel String namespace,
			@NotEmpty @Size(max = 8) List<@NotBlank @Pattern(regexp = "[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?",
					message = "must be a ConfigMap name: lower-case letters, digits, '-' and '.'") String> configMaps) {

		/** The single-yaml install's layout (kube-system, {@code env} and {@code kube-manager-config}). */
		public static final KubeManagerLocation DEFAULT = new KubeManagerLocation("kube-system",
				List.of("env", "kube-manager-config"));

		public KubeManagerLocation {
			namespace = CloudRequest.strip(namespace);
			configMaps = configMaps == null ? null : configMaps.stream().map(CloudRequest::strip).toList();
		}

	}

}
