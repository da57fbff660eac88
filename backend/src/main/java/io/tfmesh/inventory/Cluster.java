package io.tfmesh.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * One Kubernetes + TF installation and how to reach it. Credentials are held encrypted
 * ({@link io.tfmesh.secret.SecretCipher}); this class never sees them in plain text.
 */
@Entity
@Table(name = "cluster")
public class Cluster {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false)
	private String name;

	@ManyToOne(fetch = FetchType.EAGER, optional = false)
	@JoinColumn(name = "cloud_id")
	private Cloud cloud;

	@Column(name = "k8s_api_url", nullable = false)
	private String kubernetesApiUrl;

	@Enumerated(EnumType.STRING)
	@Column(name = "k8s_auth_mode", nullable = false)
	private KubernetesAuth kubernetesAuth;

	@Column(name = "k8s_kubeconfig_secret")
	private byte @Nullable [] kubeconfigSecret;

	@Column(name = "k8s_token_secret")
	private byte @Nullable [] tokenSecret;

	@Column(name = "k8s_ca_certificate")
	private @Nullable String caCertificate;

	@Column(name = "tf_api_url", nullable = false)
	private String tfApiUrl;

	@Enumerated(EnumType.STRING)
	@Column(name = "tf_auth_mode", nullable = false)
	private TfAuth tfAuth;

	@Column(name = "tf_keystone_url")
	private @Nullable String keystoneUrl;

	@Column(name = "tf_keystone_username")
	private @Nullable String keystoneUsername;

	@Column(name = "tf_keystone_project")
	private @Nullable String keystoneProject;

	@Column(name = "tf_keystone_password_secret")
	private byte @Nullable [] keystonePasswordSecret;

	@Column(name = "introspect_ca_certificate_secret")
	private byte @Nullable [] introspectCaCertificateSecret;

	@Column(name = "introspect_client_certificate_secret")
	private byte @Nullable [] introspectClientCertificateSecret;

	@Column(name = "introspect_client_key_secret")
	private byte @Nullable [] introspectClientKeySecret;

	@Column(name = "tf_cluster_name", nullable = false)
	private String tfClusterName;

	@Column(name = "bgp_asn", nullable = false)
	private long bgpAsn;

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(name = "control_nodes", nullable = false, columnDefinition = "text[]")
	private List<String> controlNodes = new ArrayList<>();

	@Column(name = "kube_manager_namespace", nullable = false)
	private String kubeManagerNamespace;

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(name = "kube_manager_config_maps", nullable = false, columnDefinition = "text[]")
	private List<String> kubeManagerConfigMaps = new ArrayList<>();

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "cluster_label", joinColumns = @JoinColumn(name = "cluster_id"))
	@MapKeyColumn(name = "label_key")
	@Column(name = "label_value", nullable = false)
	@BatchSize(size = 100)
	private Map<String, String> labels = new TreeMap<>();

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	@Version
	private long version;

	protected Cluster() {
	}

	Cluster(String name, Instant now) {
		this.name = name;
		this.createdAt = now;
		this.updatedAt = now;
	}

	/** Applies everything but the secrets, which the service sets through {@link #secrets()}. */
	void apply(ClusterRequest request, Cloud cloud, Instant now) {
		this.name = request.name();
		this.cloud = cloud;
		this.kubernetesApiUrl = request.kubernetes().apiUrl();
		this.kubernetesAuth = request.kubernetes().auth();
		this.caCertificate = request.kubernetes().caCertificate();
		this.tfApiUrl = request.tungstenFabric().apiUrl();
		this.tfAuth = request.tungstenFabric().auth();
		ClusterRequest.Keystone keystone = request.tungstenFabric().keystone();
		boolean keystoneOn = tfAuth == TfAuth.KEYSTONE && keystone != null;
		this.keystoneUrl = keystoneOn ? keystone.url() : null;
		this.keystoneUsername = keystoneOn ? keystone.username() : null;
		this.keystoneProject = keystoneOn ? keystone.project() : null;
		this.tfClusterName = request.tfClusterName();
		this.bgpAsn = request.bgpAsn();
		this.controlNodes = new ArrayList<>(request.controlNodes());
		this.kubeManagerNamespace = request.kubeManager().namespace();
		this.kubeManagerConfigMaps = new ArrayList<>(request.kubeManager().configMaps());
		this.labels.clear();
		this.labels.putAll(request.labels());
		this.updatedAt = now;
	}

	Secrets secrets() {
		return new Secrets();
	}

	public Long getId() {
		return id;
	}

	public String getName() {
		return name;
	}

	public Cloud getCloud() {
		return cloud;
	}

	public String getKubernetesApiUrl() {
		return kubernetesApiUrl;
	}

	public KubernetesAuth getKubernetesAuth() {
		return kubernetesAuth;
	}

	public @Nullable String getCaCertificate() {
		return caCertificate;
	}

	public String getTfApiUrl() {
		return tfApiUrl;
	}

	public TfAuth getTfAuth() {
		return tfAuth;
	}

	public @Nullable String getKeystoneUrl() {
		return keystoneUrl;
	}

	public @Nullable String getKeystoneUsername() {
		return keystoneUsername;
	}

	public @Nullable String getKeystoneProject() {
		return keystoneProject;
	}

	public String getTfClusterName() {
		return tfClusterName;
	}

	public long getBgpAsn() {
		return bgpAsn;
	}

	public List<String> getControlNodes() {
		return List.copyOf(controlNodes);
	}

	public String getKubeManagerNamespace() {
		return kubeManagerNamespace;
	}

	public List<String> getKubeManagerConfigMaps() {
		return List.copyOf(kubeManagerConfigMaps);
	}

	public Map<String, String> getLabels() {
		return new TreeMap<>(labels);
	}

	public Instant getCreatedAt() {
		return createdAt;
	}

	public Instant getUpdatedAt() {
		return updatedAt;
	}

	public long getVersion() {
		return version;
	}

	/** The encrypted credentials; only the inventory package handles them. */
	final class Secrets {

		byte @Nullable [] kubeconfig() {
			return kubeconfigSecret;
		}

		byte @Nullable [] token() {
			return tokenSecret;
		}

		byte @Nullable [] keystonePassword() {
			return keystonePasswordSecret;
		}

		void kubeconfig(byte @Nullable [] sealed) {
			kubeconfigSecret = sealed;
		}

		void token(byte @Nullable [] sealed) {
			tokenSecret = sealed;
		}

		void keystonePassword(byte @Nullable [] sealed) {
			keystonePasswordSecret = sealed;
		}

		byte @Nullable [] introspectCaCertificate() {
			return introspectCaCertificateSecret;
		}

		byte @Nullable [] introspectClientCertificate() {
			return introspectClientCertificateSecret;
		}

		byte @Nullable [] introspectClientKey() {
			return introspectClientKeySecret;
		}

		void introspectCaCertificate(byte @Nullable [] sealed) {
			introspectCaCertificateSecret = sealed;
		}

		void introspectClientCertificate(byte @Nullable [] sealed) {
			introspectClientCertificateSecret = sealed;
		}

		void introspectClientKey(byte @Nullable [] sealed) {
			introspectClientKeySecret = sealed;
		}

	}

}
