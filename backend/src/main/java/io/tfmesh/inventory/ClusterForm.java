package io.tfmesh.inventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.tfmesh.inventory.ClusterRequest.KubeManagerLocation;
import io.tfmesh.system.error.FieldProblem;
import org.jspecify.annotations.Nullable;

import org.springframework.web.multipart.MultipartFile;

/**
 * The cluster form of the dashboard. Secret inputs start empty and keep the stored value when
 * left empty; lists are edited one item per line.
 */
public class ClusterForm {

	/** Where each request field's problems are shown on this form. */
	static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("name", "name"),
			Map.entry("cloudId", "cloudId"), Map.entry("kubernetes.apiUrl", "kubernetesApiUrl"),
			Map.entry("kubernetes.auth", "kubernetesAuth"), Map.entry("kubernetes.kubeconfig", "kubeconfig"),
			Map.entry("kubernetes.token", "token"), Map.entry("kubernetes.caCertificate", "caCertificate"),
			Map.entry("tungstenFabric.apiUrl", "tfApiUrl"), Map.entry("tungstenFabric.auth", "tfAuth"),
			Map.entry("tungstenFabric.keystone", "keystoneUrl"), Map.entry("tungstenFabric.keystone.url", "keystoneUrl"),
			Map.entry("tungstenFabric.keystone.username", "keystoneUsername"),
			Map.entry("tungstenFabric.keystone.password", "keystonePassword"),
			Map.entry("tungstenFabric.keystone.project", "keystoneProject"), Map.entry("tfClusterName", "tfClusterName"),
			Map.entry("bgpAsn", "bgpAsn"), Map.entry("controlNodes", "controlNodes"),
			Map.entry("kubeManager.namespace", "kubeManagerNamespace"),
			Map.entry("kubeManager.configMaps", "kubeManagerConfigMaps"), Map.entry("labels", "labels"),
			Map.entry("introspect.caCertificate", "introspectCaCertificate"),
			Map.entry("introspect.clientCertificate", "introspectClientCertificate"),
			Map.entry("introspect.clientKey", "introspectClientKey"),
			Map.entry("version", "name"));

	private String name = "";

	private @Nullable Long cloudId;

	private String kubernetesApiUrl = "";

	private KubernetesAuth kubernetesAuth = KubernetesAuth.KUBECONFIG;

	private String kubeconfig = "";

	private @Nullable MultipartFile kubeconfigFile;

	private String token = "";

	private String caCertificate = "";

	private String tfApiUrl = "";

	private TfAuth tfAuth = TfAuth.NOAUTH;

	private String keystoneUrl = "";

	private String keystoneUsername = "";

	private String keystonePassword = "";

	private String keystoneProject = "";

	private String tfClusterName = ClusterRequest.DEFAULT_TF_CLUSTER_NAME;

	private String bgpAsn = Long.toString(ClusterRequest.DEFAULT_ASN);

	private String controlNodes = "";

	private String kubeManagerNamespace = KubeManagerLocation.DEFAULT.namespace();

	private String kubeManagerConfigMaps = String.join("\n", KubeManagerLocation.DEFAULT.configMaps());

	private String labels = "";

	private String introspectCaCertificate = "";

	private String introspectClientCertificate = "";

	private String introspectClientKey = "";

	private boolean introspectClear;

	private @Nullable Long version;

	static ClusterForm of(ClusterView cluster) {
		ClusterForm form = new ClusterForm();
		form.name = cluster.name();
		form.cloudId = cluster.cloudId();
		form.kubernetesApiUrl = cluster.kubernetes().apiUrl();
		form.kubernetesAuth = cluster.kubernetes().auth();
		form.caCertificate = cluster.kubernetes().caCertificate() == null ? "" : cluster.kubernetes().caCertificate();
		form.tfApiUrl = cluster.tungstenFabric().apiUrl();
		form.tfAuth = cluster.tungstenFabric().auth();
		if (cluster.tungstenFabric().keystone() != null) {
			form.keystoneUrl = cluster.tungstenFabric().keystone().url();
			form.keystoneUsername = cluster.tungstenFabric().keystone().username();
			form.keystoneProject = cluster.tungstenFabric().keystone().project();
		}
		form.tfClusterName = cluster.tfClusterName();
		form.bgpAsn = Long.toString(cluster.bgpAsn());
		form.controlNodes = String.join("\n", cluster.controlNodes());
		form.kubeManagerNamespace = cluster.kubeManager().namespace();
		form.kubeManagerConfigMaps = String.join("\n", cluster.kubeManager().configMaps());
		form.labels = cluster.labels()
			.entrySet()
			.stream()
			.map(label -> label.getKey() + "=" + label.getValue())
			.collect(Collectors.joining("\n"));
		form.version = cluster.version();
		return form;
	}

	ClusterRequest toRequest() {
		Long asn = parseAsn();
		String uploaded = uploadedKubeconfig();
		ClusterRequest.Keystone keystone = tfAuth == TfAuth.KEYSTONE
				? new ClusterRequest.Keystone(keystoneUrl, keystoneUsername, keystonePassword, keystoneProject) : null;
		return new ClusterRequest(name, cloudId,
				new ClusterRequest.KubernetesAccess(kubernetesApiUrl, kubernetesAuth,
						uploaded != null ? uploaded : kubeconfig, token, caCertificate),
				new ClusterRequest.TfAccess(tfApiUrl, tfAuth, keystone), tfClusterName, asn,
				CloudForm.lines(controlNodes),
				new KubeManagerLocation(kubeManagerNamespace, CloudForm.lines(kubeManagerConfigMaps)), parseLabels(),
				version, new ClusterRequest.IntrospectAccess(introspectCaCertificate, introspectClientCertificate,
						introspectClientKey, introspectClear));
	}

	/** Pages never carry secrets back to the browser, not even the ones just typed in. */
	void clearSecrets() {
		kubeconfig = "";
		kubeconfigFile = null;
		token = "";
		keystonePassword = "";
		introspectCaCertificate = "";
		introspectClientCertificate = "";
		introspectClientKey = "";
		introspectClear = false;
	}

	/**
	 * What the form's own parsing refused (a labels line without '=', an ASN that is no number);
	 * {@link #toRequest()} leaves those values out, so the services can still check the rest.
	 */
	List<FieldProblem> parseProblems() {
		List<FieldProblem> problems = new ArrayList<>();
		if (bgpAsn != null && !bgpAsn.isBlank() && parseAsn() == null) {
			problems.add(new FieldProblem("bgpAsn", "'" + bgpAsn.strip() + "' is not a number; an ASN is 1 to 4294967295"));
		}
		List<String> lines = CloudForm.lines(labels);
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).indexOf('=') < 0) {
				problems.add(new FieldProblem("labels", "line " + (i + 1) + ": '" + lines.get(i) + "' is not key=value"));
			}
		}
		return problems;
	}

	private @Nullable Long parseAsn() {
		if (bgpAsn == null || bgpAsn.isBlank()) {
			return null;
		}
		try {
			return Long.parseLong(bgpAsn.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private Map<String, String> parseLabels() {
		Map<String, String> parsed = new LinkedHashMap<>();
		for (String line : CloudForm.lines(labels)) {
			int equals = line.indexOf('=');
			if (equals >= 0) {
				parsed.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
			}
		}
		return parsed;
	}

	private @Nullable String uploadedKubeconfig() {
		if (kubeconfigFile == null || kubeconfigFile.isEmpty()) {
			return null;
		}
		try {
			return new String(kubeconfigFile.getBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public @Nullable Long getCloudId() {
		return cloudId;
	}

	public void setCloudId(@Nullable Long cloudId) {
		this.cloudId = cloudId;
	}

	public String getKubernetesApiUrl() {
		return kubernetesApiUrl;
	}

	public void setKubernetesApiUrl(String kubernetesApiUrl) {
		this.kubernetesApiUrl = kubernetesApiUrl;
	}

	public KubernetesAuth getKubernetesAuth() {
		return kubernetesAuth;
	}

	public void setKubernetesAuth(KubernetesAuth kubernetesAuth) {
		this.kubernetesAuth = kubernetesAuth;
	}

	public String getKubeconfig() {
		return kubeconfig;
	}

	public void setKubeconfig(String kubeconfig) {
		this.kubeconfig = kubeconfig;
	}

	public @Nullable MultipartFile getKubeconfigFile() {
		return kubeconfigFile;
	}

	public void setKubeconfigFile(@Nullable MultipartFile kubeconfigFile) {
		this.kubeconfigFile = kubeconfigFile;
	}

	public String getToken() {
		return token;
	}

	public void setToken(String token) {
		this.token = token;
	}

	public String getCaCertificate() {
		return caCertificate;
	}

	public void setCaCertificate(String caCertificate) {
		this.caCertificate = caCertificate;
	}

	public String getTfApiUrl() {
		return tfApiUrl;
	}

	public void setTfApiUrl(String tfApiUrl) {
		this.tfApiUrl = tfApiUrl;
	}

	public TfAuth getTfAuth() {
		return tfAuth;
	}

	public void setTfAuth(TfAuth tfAuth) {
		this.tfAuth = tfAuth;
	}

	public String getKeystoneUrl() {
		return keystoneUrl;
	}

	public void setKeystoneUrl(String keystoneUrl) {
		this.keystoneUrl = keystoneUrl;
	}

	public String getKeystoneUsername() {
		return keystoneUsername;
	}

	public void setKeystoneUsername(String keystoneUsername) {
		this.keystoneUsername = keystoneUsername;
	}

	public String getKeystonePassword() {
		return keystonePassword;
	}

	public void setKeystonePassword(String keystonePassword) {
		this.keystonePassword = keystonePassword;
	}

	public String getKeystoneProject() {
		return keystoneProject;
	}

	public void setKeystoneProject(String keystoneProject) {
		this.keystoneProject = keystoneProject;
	}

	public String getTfClusterName() {
		return tfClusterName;
	}

	public void setTfClusterName(String tfClusterName) {
		this.tfClusterName = tfClusterName;
	}

	public String getBgpAsn() {
		return bgpAsn;
	}

	public void setBgpAsn(String bgpAsn) {
		this.bgpAsn = bgpAsn;
	}

	public String getControlNodes() {
		return controlNodes;
	}

	public void setControlNodes(String controlNodes) {
		this.controlNodes = controlNodes;
	}

	public String getKubeManagerNamespace() {
		return kubeManagerNamespace;
	}

	public void setKubeManagerNamespace(String kubeManagerNamespace) {
		this.kubeManagerNamespace = kubeManagerNamespace;
	}

	public String getKubeManagerConfigMaps() {
		return kubeManagerConfigMaps;
	}

	public void setKubeManagerConfigMaps(String kubeManagerConfigMaps) {
		this.kubeManagerConfigMaps = kubeManagerConfigMaps;
	}

	public String getLabels() {
		return labels;
	}

	public void setLabels(String labels) {
		this.labels = labels;
	}

	public @Nullable Long getVersion() {
		return version;
	}

	public void setVersion(@Nullable Long version) {
		this.version = version;
	}

	public String getIntrospectCaCertificate() {
		return introspectCaCertificate;
	}

	public void setIntrospectCaCertificate(String introspectCaCertificate) {
		this.introspectCaCertificate = introspectCaCertificate;
	}

	public String getIntrospectClientCertificate() {
		return introspectClientCertificate;
	}

	public void setIntrospectClientCertificate(String introspectClientCertificate) {
		this.introspectClientCertificate = introspectClientCertificate;
	}

	public String getIntrospectClientKey() {
		return introspectClientKey;
	}

	public void setIntrospectClientKey(String introspectClientKey) {
		this.introspectClientKey = introspectClientKey;
	}

	public boolean isIntrospectClear() {
		return introspectClear;
	}

	public void setIntrospectClear(boolean introspectClear) {
		this.introspectClear = introspectClear;
	}

}
