package io.tfmesh.system;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

import static io.tfmesh.system.DashboardAccessMatrixIT.Caller.ANONYMOUS;
import static io.tfmesh.system.DashboardAccessMatrixIT.Caller.OPERATOR;
import static io.tfmesh.system.DashboardAccessMatrixIT.Caller.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may open each dashboard page and send each form, over real form-login sessions: every GET
 * and POST mapping of the dashboard's {@code @Controller}s, for an anonymous visitor and for a
 * viewer, an operator and an admin.
 * <p>
 * Each row names a mapping and the least caller that may use it. A caller at or above it gets the
 * page (200), or for a form the redirect that follows success, whose page then shows a success
 * message; an anonymous caller below it is sent to the login page; a logged-in caller below it gets
 * the 403 page. Forms are sent with the session's CSRF token (the account forms, which every caller
 * may send, show that each session's token works), so a refusal is the role rules' doing; each form
 * works on objects made for that one request through the API.
 * <p>
 * Pages also show each role the controls it may use, and only those.
 * <p>
 * {@link #everyDashboardMappingHasARowAndEveryRowAMapping} fails when a controller gains a mapping
 * that no row covers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardAccessMatrixIT extends IntegrationTestSupport {

	/** The callers, weakest first; as a row's least caller, {@code ANONYMOUS} means anybody. */
	enum Caller {

		ANONYMOUS, VIEWER, OPERATOR, ADMIN;

		boolean reaches(Caller least) {
			return compareTo(least) >= 0;
		}

		@Override
		public String toString() {
			return name().toLowerCase();
		}

	}

	/** Hides IntegrationTestSupport's name of the bootstrap admin, which this matrix does not log in as. */
	private static final Caller ADMIN = Caller.ADMIN;

	/** Dashboard mappings that this matrix leaves to others, and why. */
	private static final Map<String, String> NOT_HERE = Map.of(
			"/error", "the servlet container's error dispatch, which answers everybody by design",
			"/sandbox", "the sandbox's pages leave this module with the emulators; they get their own matrix there");

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private static final Pattern CSRF_INPUT = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>");

	private static final Pattern VALUE = Pattern.compile("value=\"([^\"]*)\"");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping handlerMappings;

	/** The bootstrap admin through a personal API token, which spares a password hash on every fixture call. */
	private Api admin;

	private final Map<Caller, Session> sessions = new EnumMap<>(Caller.class);

	/** Objects the pages show; forms make their own. */
	private long cloud;

	private long cluster;

	private long mesh;

	private long user;

	private long intent;

	private long webhook;

	@Autowired
	private JdbcTemplate jdbc;

	@BeforeAll
	void logInOneSessionPerCaller() {
		Api bootstrap = new Api(baseUrl(), json).asAdmin();
		Api.Response token = bootstrap.post("/api/v1/tokens", Map.of("name", unique("matrix")));
		assertThat(token.status()).as(token.toString()).isEqualTo(201);
		admin = new Api(baseUrl(), json).bearer(token.json().get("token").asString());

		cloud = createCloud();
		cluster = createCluster();
		mesh = createMesh(cluster);
		user = createUser("viewer");
		intent = createIntent();
		webhook = createWebhook();

		sessions.put(ANONYMOUS, Session.anonymous(baseUrl()));
		for (Caller caller : List.of(VIEWER, OPERATOR, ADMIN)) {
			String username = unique("matrix-" + caller);
			String password = "password-" + username;
			Api.Response created = admin.post("/api/v1/users",
					Map.of("username", username, "password", password, "role", caller.toString()));
			assertThat(created.status()).as(created.toString()).isEqualTo(201);
			sessions.put(caller, Session.logIn(baseUrl(), username, password));
		}
	}

	/** One row per mapping (two where the data decides), grouped by controller. */
	List<Row> rows() {
		return List.of(
				// LoginController, FleetPageController
				page("/login", ANONYMOUS),
				page("/", VIEWER),
				page("/fleet/panel", VIEWER),

				// CloudPageController
				page("/clouds", VIEWER),
				page("/clouds/{id}", VIEWER, Map.of("id", cloud)),
				page("/clouds/new", OPERATOR),
				page("/clouds/{id}/edit", OPERATOR, Map.of("id", cloud)),
				page("/clouds/{id}/delete", OPERATOR, Map.of("id", cloud)),
				form("/clouds", OPERATOR, caller -> request(Map.of(), cloudForm(unique("matrix"))),
						redirectTo("/clouds/\\d+")),
				form("/clouds/{id}", OPERATOR, caller -> {
					String name = unique("matrix");
					long id = createCloud(name);
					Map<String, String> form = cloudForm(name);
					form.put("region", "eu-north-1");
					form.put("version", "0");
					return request(Map.of("id", id), form);
				}, redirectTo("/clouds/{id}")),
				form("/clouds/{id}/delete", OPERATOR, caller -> request(Map.of("id", createCloud()), Map.of()),
						redirectTo("/clouds")),

				// ClusterPageController
				page("/clusters", VIEWER),
				page("/clusters/{id}", VIEWER, Map.of("id", cluster)),
				page("/clusters/new", OPERATOR),
				page("/clusters/{id}/edit", OPERATOR, Map.of("id", cluster)),
				page("/clusters/{id}/delete", OPERATOR, Map.of("id", cluster)),
				form("/clusters", OPERATOR, caller -> request(Map.of(), clusterForm(unique("matrix"))),
						redirectTo("/clusters/\\d+")),
				form("/clusters/{id}", OPERATOR, caller -> {
					String name = unique("matrix");
					long id = createCluster(name);
					Map<String, String> form = clusterForm(name);
					form.put("token", "");
					form.put("bgpAsn", "64600");
					form.put("version", "0");
					return request(Map.of("id", id), form);
				}, redirectTo("/clusters/{id}")),
				form("/clusters/{id}/delete", OPERATOR, caller -> request(Map.of("id", createCluster()), Map.of()),
						redirectTo("/clusters")),

				// ObservationPageController
				page("/clusters/{id}/observed", VIEWER, Map.of("id", cluster)),
				// PreflightPageController
				page("/clusters/{id}/preflight", VIEWER, Map.of("id", cluster)),
				// HealthPageController
				page("/clusters/{id}/health", VIEWER, Map.of("id", cluster)),
				page("/clusters/{id}/health/panel", VIEWER, Map.of("id", cluster)),
				form("/clusters/{id}/observe", OPERATOR, caller -> request(Map.of("id", createCluster()), Map.of()),
						redirectTo("/clusters/{id}")),
				// FixPlanPageController: a cluster never read has no finding open, so the plan is refused
				form("/clusters/{id}/diagnoses/{code}/plan", ADMIN,
						caller -> request(Map.of("id", createCluster(), "code", "no-bgp-configuration-for-self"), Map.of()),
						refusedOn("/clusters/{id}/health", "is open in cluster")),

				// MeshPageController
				page("/meshes", VIEWER),
				page("/meshes/{id}", VIEWER, Map.of("id", mesh)),
				page("/meshes/new", OPERATOR),
				page("/meshes/{id}/edit", OPERATOR, Map.of("id", mesh)),
				page("/meshes/{id}/delete", OPERATOR, Map.of("id", mesh)),
				// MeshConflictsPanelController
				page("/meshes/{id}/conflicts", VIEWER, Map.of("id", mesh)),
				form("/meshes", OPERATOR, caller -> request(Map.of(), Map.of("name", unique("matrix"))),
						redirectTo("/meshes/\\d+")),
				form("/meshes/{id}", OPERATOR, caller -> {
					String name = unique("matrix");
					return request(Map.of("id", createMesh(name)),
							Map.of("name", name, "description", "changed", "version", "0"));
				}, redirectTo("/meshes/{id}")),
				form("/meshes/{id}/delete", OPERATOR, caller -> request(Map.of("id", createMesh()), Map.of()),
						redirectTo("/meshes")),
				form("/meshes/{id}/allocate", OPERATOR,
						caller -> request(Map.of("id", createMesh(createCluster())), Map.of()),
						redirectTo("/meshes/{id}")),
				form("/meshes/{id}/release", OPERATOR, caller -> {
					long member = createCluster();
					long id = allocated(createMesh(member));
					return request(Map.of("id", id), Map.of("clusterId", Long.toString(member)));
				}, redirectTo("/meshes/{id}")),
				form("/meshes/{id}/allocations/{allocationId}/release", OPERATOR, "a member's block", caller -> {
					long id = allocated(createMesh(createCluster()));
					return request(Map.of("id", id, "allocationId", allocation(id, "pod")), Map.of());
				}, redirectTo("/meshes/{id}")),
				form("/meshes/{id}/allocations/{allocationId}/release", ADMIN, "a reservation", caller -> {
					long id = createMesh();
					return request(Map.of("id", id, "allocationId", reserve(id, "100.127.0.0/24")), Map.of());
				}, redirectTo("/meshes/{id}")),
				form("/meshes/{id}/reservations", ADMIN,
						caller -> request(Map.of("id", createMesh()), Map.of("cidr", "100.127.0.0/24", "note", "matrix")),
						redirectTo("/meshes/{id}")),

				// IntentPageController
				page("/intents", VIEWER),
				page("/intents/{id}", VIEWER, Map.of("id", intent)),
				page("/intents/suggestions", VIEWER),
				page("/intents/new", OPERATOR),
				page("/intents/{id}/delete", OPERATOR, Map.of("id", intent)),
				// the clusters were never observed: the form comes back naming why (IntentPagesIT creates one)
				form("/intents", OPERATOR, "an intent between unobserved clusters",
						caller -> request(Map.of(), Map.of("sourceClusterId", Long.toString(cluster), "sourceNamespace",
								"frontend", "destinationClusterId", Long.toString(createCluster()),
								"destinationNamespace", "backend", "destinationService", "orders", "protocol", "tcp",
								"ports", "8080")),
						Expect.page()),
				form("/intents/{id}/delete", OPERATOR, caller -> request(Map.of("id", createIntent()), Map.of()),
						redirectTo("/intents")),

				// PlanPageController
				page("/plans", VIEWER),
				page("/plans/{id}", VIEWER, Map.of("id", createPlan("pending-approval", false))),
				page("/plans/{id}/progress", VIEWER, Map.of("id", createPlan("applying", false))),
				// a mesh without members: nothing to change, said on the mesh's page
				form("/plans", OPERATOR, caller -> request(Map.of(), Map.of("meshId", Long.toString(createMesh()))),
						redirectTo("/meshes/\\d+")),
				form("/plans/{id}/submit", OPERATOR,
						caller -> request(Map.of("id", createPlan("draft", false)), Map.of()), redirectTo("/plans/{id}")),
				form("/plans/{id}/approve", ADMIN,
						caller -> request(Map.of("id", createPlan("pending-approval", false)), Map.of()),
						redirectTo("/plans/{id}")),
				form("/plans/{id}/reject", ADMIN,
						caller -> request(Map.of("id", createPlan("pending-approval", false)), Map.of("reason", "not now")),
						redirectTo("/plans/{id}")),
				// a plan without steps: there is nothing to observe first, and it applies at once
				form("/plans/{id}/apply", OPERATOR,
						caller -> request(Map.of("id", createPlan("approved", false)), Map.of()), redirectTo("/plans/{id}")),
				form("/plans/{id}/cancel", OPERATOR,
						caller -> request(Map.of("id", createPlan("pending-approval", false)), Map.of()),
						redirectTo("/plans/{id}")),
				// the plan's cluster cannot be read, so reversing is refused by the plan's rules, not the role
				form("/plans/{id}/reverse", OPERATOR,
						caller -> request(Map.of("id", createPlan("applied", true)), Map.of()),
						refusedOn("/plans/{id}", "is incomplete")),

				// UserPageController
				page("/users", ADMIN),
				page("/users/new", ADMIN),
				page("/users/{id}/edit", ADMIN, Map.of("id", user)),
				page("/users/{id}/delete", ADMIN, Map.of("id", user)),
				form("/users", ADMIN, caller -> {
					String name = unique("matrix");
					return request(Map.of(), Map.of("username", name, "password", "password-" + name, "role", "VIEWER",
							"enabled", "true"));
				}, redirectTo("/users")),
				form("/users/{id}", ADMIN,
						caller -> request(Map.of("id", createUser("viewer")),
								Map.of("role", "OPERATOR", "enabled", "true", "version", "0")),
						redirectTo("/users")),
				form("/users/{id}/delete", ADMIN, caller -> request(Map.of("id", createUser("viewer")), Map.of()),
						redirectTo("/users")),

				// WebhookPageController
				page("/webhooks", ADMIN),
				page("/webhooks/new", ADMIN),
				page("/webhooks/{id}", ADMIN, Map.of("id", webhook)),
				page("/webhooks/{id}/edit", ADMIN, Map.of("id", webhook)),
				page("/webhooks/{id}/delete", ADMIN, Map.of("id", webhook)),
				form("/webhooks", ADMIN, caller -> request(Map.of(), webhookForm(unique("matrix"))),
						redirectTo("/webhooks/\\d+")),
				form("/webhooks/{id}", ADMIN, caller -> {
					String name = unique("matrix");
					Map<String, String> form = webhookForm(name);
					form.remove("secret");
					form.put("version", "0");
					return request(Map.of("id", createWebhook(name)), form);
				}, redirectTo("/webhooks/{id}")),
				form("/webhooks/{id}/delete", ADMIN, caller -> request(Map.of("id", createWebhook()), Map.of()),
						redirectTo("/webhooks")),
				form("/webhooks/{id}/test", ADMIN, caller -> request(Map.of("id", createWebhook()), Map.of()),
						redirectTo("/webhooks/{id}")),

				// AccountController: everybody's own account
				page("/account", VIEWER),
				form("/account/password", VIEWER, caller -> {
					String current = sessions.get(caller).password;
					String changed = "changed-" + current;
					sessions.get(caller).password = changed;
					return request(Map.of(), Map.of("currentPassword", String.valueOf(current), "newPassword", changed,
							"repeatPassword", changed));
				}, redirectTo("/account")),
				form("/account/tokens", VIEWER, caller -> request(Map.of(), Map.of("name", unique("matrix"))),
						Expect.page()),
				form("/account/tokens/{id}/revoke", VIEWER,
						caller -> request(Map.of("id", caller == ANONYMOUS ? 0 : createToken(sessions.get(caller))),
								Map.of()),
						redirectTo("/account")),

				// AuditPageController
				page("/audit", VIEWER));
	}

	Stream<Case> cases() {
		return rows().stream().flatMap(row -> Stream.of(Caller.values()).map(caller -> new Case(row, caller)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void eachCallerGetsWhatItsRoleAllows(Case each) {
		Row row = each.row();
		Caller caller = each.caller();
		Session session = sessions.get(caller);
		Request request = row.request().apply(caller);
		String path = expand(row.mapping(), request.variables());
		HttpResponse<String> response = session.send(row.method(), path, request.form());
		String what = each + ": " + row.method() + " " + path + " answered " + response.statusCode() + " "
				+ response.headers().firstValue("Location").orElse("");

		if (caller.reaches(row.least())) {
			row.success().check(session, response, request.variables(), what);
		}
		else if (caller == ANONYMOUS) {
			assertThat(response.statusCode()).as(what).isEqualTo(302);
			assertThat(locationPath(response)).as(what).isEqualTo("/login");
		}
		else {
			assertThat(response.statusCode()).as(what).isEqualTo(403);
			assertThat(response.body()).as(what).contains("403 · Not allowed");
		}
	}

	/** Controls that a page shows from the least caller that may use them on, and hides below it. */
	List<Control> controls() {
		return List.of(
				control("/", "href=\"/users\"", ADMIN),
				control("/", "href=\"/webhooks\"", ADMIN),
				control("/clouds", "id=\"new-cloud\"", OPERATOR),
				control("/clusters", "id=\"new-cluster\"", OPERATOR),
				control("/clusters/" + cluster, "id=\"edit-cluster\"", OPERATOR),
				control("/meshes", "id=\"new-mesh\"", OPERATOR),
				control("/intents", "id=\"new-intent\"", OPERATOR),
				control("/intents/" + intent, "id=\"delete-intent\"", OPERATOR),
				control("/meshes/" + mesh, "id=\"plan-addresses\"", OPERATOR),
				control("/meshes/" + mesh, "action=\"/meshes/" + mesh + "/reservations\"", ADMIN));
	}

	Stream<Shown> shownControls() {
		return controls().stream()
			.flatMap(control -> Stream.of(VIEWER, OPERATOR, ADMIN).map(caller -> new Shown(control, caller)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("shownControls")
	void pagesShowTheControlsOfTheCallersRole(Shown each) {
		HttpResponse<String> page = sessions.get(each.caller()).send("GET", each.control().path(), Map.of());
		assertThat(page.statusCode()).as(each.toString()).isEqualTo(200);
		if (each.caller().reaches(each.control().least())) {
			assertThat(page.body()).as(each.toString()).contains(each.control().marker());
		}
		else {
			assertThat(page.body()).as(each.toString()).doesNotContain(each.control().marker());
		}
	}

	@ParameterizedTest
	@EnumSource(names = { "VIEWER", "OPERATOR", "ADMIN" })
	void theLayoutNamesTheCallersOwnRole(Caller caller) {
		HttpResponse<String> page = sessions.get(caller).send("GET", "/account", Map.of());
		assertThat(page.body()).contains("<span class=\"role-badge\">" + caller + "</span>", "Role: " + caller);
	}

	@Test
	void everyDashboardMappingHasARowAndEveryRowAMapping() {
		Set<String> mapped = dashboardMappings();
		Set<String> rows = rows().stream()
			.map(row -> row.method() + " " + row.mapping())
			.collect(Collectors.toCollection(TreeSet::new));
		assertThat(without(mapped, rows)).as("dashboard mappings that no row of the matrix covers; add a row for each")
			.isEmpty();
		assertThat(without(rows, mapped)).as("rows of the matrix that no controller maps; remove or correct them")
			.isEmpty();
	}

	private static Set<String> without(Set<String> these, Set<String> those) {
		Set<String> left = new TreeSet<>(these);
		left.removeAll(those);
		return left;
	}

	/** "GET /clouds/{id}" and the like for every handler method of a dashboard controller. */
	private Set<String> dashboardMappings() {
		Set<String> mappings = new TreeSet<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : handlerMappings.getHandlerMethods().entrySet()) {
			Class<?> type = entry.getValue().getBeanType();
			boolean page = type.getPackageName().startsWith("io.tfmesh.")
					&& AnnotatedElementUtils.hasAnnotation(type, Controller.class)
					&& !AnnotatedElementUtils.hasAnnotation(type, ResponseBody.class);
			if (!page) {
				continue;
			}
			RequestMappingInfo info = entry.getKey();
			for (String pattern : info.getPatternValues()) {
				if (NOT_HERE.keySet().stream().anyMatch(prefix -> pattern.equals(prefix) || pattern.startsWith(prefix + "/"))) {
					continue;
				}
				assertThat(info.getMethodsCondition().getMethods()).as("%s maps %s without naming its HTTP methods",
						type.getSimpleName(), pattern)
					.isNotEmpty();
				info.getMethodsCondition().getMethods().forEach(method -> mappings.add(method + " " + pattern));
			}
		}
		return mappings;
	}

	// ---- the rows' vocabulary

	/**
	 * @param least the weakest caller that may use the mapping
	 * @param request makes the objects the request needs and says what fills the mapping's variables
	 * @param success what a caller that may use the mapping gets
	 */
	record Row(String method, String mapping, Caller least, @Nullable String when, Function<Caller, Request> request,
			Expect success) {

		@Override
		public String toString() {
			return method + " " + mapping + (when == null ? "" : " (" + when + ")");
		}

	}

	record Case(Row row, Caller caller) {

		@Override
		public String toString() {
			return row + " as " + caller + " → "
					+ (caller.reaches(row.least()) ? row.success() : caller == ANONYMOUS ? "login" : "403");
		}

	}

	record Request(Map<String, Object> variables, Map<String, String> form) {
	}

	/** @param marker a piece of the page's HTML that only the control has */
	record Control(String path, String marker, Caller least) {
	}

	record Shown(Control control, Caller caller) {

		@Override
		public String toString() {
			return control.path() + " as " + caller + (caller.reaches(control.least()) ? " shows " : " hides ")
					+ control.marker();
		}

	}

	/**
	 * A page (200), or a redirect whose page shows a success message and no error, or, with a
	 * refusal, a redirect whose page shows that error: the caller passed the role check and the
	 * action itself said no.
	 */
	record Expect(@Nullable String location, @Nullable String refusal) {

		static Expect page() {
			return new Expect(null, null);
		}

		void check(Session session, HttpResponse<String> response, Map<String, Object> variables, String what) {
			if (location == null) {
				assertThat(response.statusCode()).as(what).isEqualTo(200);
				return;
			}
			assertThat(response.statusCode()).as(what).isEqualTo(302);
			assertThat(locationPath(response)).as(what).matches(expand(location, variables));
			HttpResponse<String> next = session.send("GET", locationPath(response), Map.of());
			assertThat(next.statusCode()).as(what + ", then the page it redirected to").isEqualTo(200);
			if (refusal != null) {
				assertThat(next.body()).as(what + ", then the page it redirected to")
					.contains("class=\"alert error\"")
					.contains(refusal)
					.doesNotContain("class=\"alert success\"");
				return;
			}
			assertThat(next.body()).as(what + ", then the page it redirected to")
				.contains("class=\"alert success\"")
				.doesNotContain("class=\"alert error\"");
		}

		@Override
		public String toString() {
			return location == null ? "200"
					: "redirect to " + location + (refusal == null ? "" : " refusing (" + refusal + ")");
		}

	}

	private static Row page(String mapping, Caller least) {
		return page(mapping, least, Map.of());
	}

	private static Row page(String mapping, Caller least, Map<String, Object> variables) {
		return new Row("GET", mapping, least, null, caller -> request(variables, Map.of()), Expect.page());
	}

	private static Row form(String mapping, Caller least, Function<Caller, Request> request, Expect success) {
		return form(mapping, least, null, request, success);
	}

	private static Row form(String mapping, Caller least, @Nullable String when, Function<Caller, Request> request,
			Expect success) {
		return new Row("POST", mapping, least, when, request, success);
	}

	private static Control control(String path, String marker, Caller least) {
		return new Control(path, marker, least);
	}

	private static Request request(Map<String, Object> variables, Map<String, String> form) {
		return new Request(variables, form);
	}

	private static Expect redirectTo(String location) {
		return new Expect(location, null);
	}

	private static Expect refusedOn(String location, String refusal) {
		return new Expect(location, refusal);
	}

	private static String expand(String template, Map<String, Object> variables) {
		String expanded = template;
		for (Map.Entry<String, Object> variable : variables.entrySet()) {
			expanded = expanded.replace("{" + variable.getKey() + "}", String.valueOf(variable.getValue()));
		}
		return expanded;
	}

	static String locationPath(HttpResponse<String> response) {
		return URI.create(response.headers().firstValue("Location").orElse("")).getPath();
	}

	// ---- fixtures, made through the API as admin

	private String baseUrl() {
		return "http://localhost:" + port;
	}

	private static Map<String, String> cloudForm(String name) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("name", name);
		form.put("provider", "AWS");
		form.put("region", "us-east-1");
		form.put("underlayCidrs", "172.31.0.0/16");
		form.put("underlayGateway", "172.31.0.1");
		return form;
	}

	/** A cluster whose endpoints are closed ports on this machine, so observing it ends at once. */
	private Map<String, String> clusterForm(String name) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("name", name);
		form.put("cloudId", Long.toString(cloud));
		form.put("kubernetesApiUrl", "https://127.0.0.1:9");
		form.put("kubernetesAuth", "TOKEN");
		form.put("token", "matrix-token");
		form.put("tfApiUrl", "http://127.0.0.1:9");
		form.put("tfAuth", "NOAUTH");
		form.put("bgpAsn", "64512");
		form.put("controlNodes", "127.0.0.1");
		return form;
	}

	private long createCloud() {
		return createCloud(unique("matrix"));
	}

	private long createCloud(String name) {
		return Fixtures.createCloud(admin, name);
	}

	private long createCluster() {
		return createCluster(unique("matrix"));
	}

	private long createCluster(String name) {
		Map<String, Object> body = Fixtures.clusterWithToken(name, cloud, "matrix-token");
		Fixtures.section(body, "kubernetes").put("apiUrl", "https://127.0.0.1:9");
		Fixtures.section(body, "tungstenFabric").put("apiUrl", "http://127.0.0.1:9");
		body.put("controlNodes", List.of("127.0.0.1"));
		return Fixtures.createCluster(admin, body);
	}

	private long createMesh(long... members) {
		return createMesh(unique("matrix"), members);
	}

	private long createMesh(String name, long... members) {
		List<Long> clusterIds = new ArrayList<>();
		for (long member : members) {
			clusterIds.add(member);
		}
		Api.Response created = admin.post("/api/v1/meshes", Map.of("name", name, "clusterIds", clusterIds));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asLong();
	}

	/** Allocates every member's blocks and returns the mesh. */
	private long allocated(long mesh) {
		Api.Response allocated = admin.post("/api/v1/meshes/" + mesh + "/allocations", "{}");
		assertThat(allocated.status()).as(allocated.toString()).isEqualTo(200);
		return mesh;
	}

	private long allocation(long mesh, String kind) {
		for (JsonNode usage : admin.get("/api/v1/meshes/" + mesh + "/allocations").json().get("allocations")) {
			JsonNode allocation = usage.get("allocation");
			if (allocation.get("kind").asString().equals(kind)) {
				return allocation.get("id").asLong();
			}
		}
		throw new AssertionError("mesh " + mesh + " has no " + kind + " block");
	}

	private long reserve(long mesh, String cidr) {
		Api.Response reserved = admin.post("/api/v1/meshes/" + mesh + "/reservations", Map.of("cidr", cidr));
		assertThat(reserved.status()).as(reserved.toString()).isEqualTo(201);
		return reserved.json().get("id").asLong();
	}

	/**
	 * An intent between two new clusters, written to the table: the API accepts one only between
	 * observed clusters, which this matrix has none of.
	 */
	/**
	 * A plan of another author, as the plans' own tables hold it, with one done ConfigMap step
	 * when asked.
	 */
	private long createPlan(String state, boolean withDoneStep) {
		Long id = jdbc.queryForObject("""
				INSERT INTO plan (mesh_id, mesh_name, state, author, created_at, updated_at, expires_at, base_revision)
				VALUES (?, 'matrix', ?, 'someone-else', now(), now(), now() + interval '1 day', '{}'::jsonb)
				RETURNING id""", Long.class, mesh, state);
		if (withDoneStep) {
			jdbc.update("""
					INSERT INTO plan_step (plan_id, position, step_key, cluster_id, cluster_name, system, object_type,
					    object_name, action, before_state, after_state, risk, operation, undo, state)
					VALUES (?, 1, 'matrix/kubernetes/configmap/kube-system/env', ?, 'matrix', 'kubernetes', 'configmap',
					    'kube-system/env', 'update', '{}'::jsonb, '{"KUBERNETES_POD_SUBNETS": "100.64.0.0/16"}'::jsonb,
					    'nothing changes until the pods restart',
					    '{"kind": "set-configmap-keys", "namespace": "kube-system", "name": "env",
					      "values": {"KUBERNETES_POD_SUBNETS": "100.64.0.0/16"}, "remove": []}'::jsonb,
					    '{"kind": "set-configmap-keys", "namespace": "kube-system", "name": "env",
					      "values": {}, "remove": ["KUBERNETES_POD_SUBNETS"]}'::jsonb,
					    'done')""", id, cluster);
		}
		return id;
	}

	private long createIntent() {
		Long id = jdbc.queryForObject("""
				INSERT INTO intent (source_cluster_id, source_namespace, destination_cluster_id, destination_namespace,
				  destination_service, protocol, ports, created_at, created_by, updated_at)
				VALUES (?, 'frontend', ?, 'backend', 'orders', 'tcp', '8080', now(), 'matrix', now()) RETURNING id""",
				Long.class, createCluster(), createCluster());
		return id;
	}

	private long createWebhook() {
		return createWebhook(unique("matrix"));
	}

	/** A webhook nobody listens for: port 9 refuses, so a test event only fails and retries. */
	private long createWebhook(String name) {
		Api.Response created = admin.post("/api/v1/webhooks", Map.of("name", name, "url", "http://127.0.0.1:9/matrix",
				"events", List.of("diagnosis-found"), "secret", "matrix-secret-of-16"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asLong();
	}

	private static Map<String, String> webhookForm(String name) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("name", name);
		form.put("url", "http://127.0.0.1:9/matrix");
		form.put("events", "plan-awaits-approval");
		form.put("secret", "matrix-secret-of-16");
		form.put("enabled", "true");
		return form;
	}

	private long createUser(String role) {
		String name = unique("matrix");
		Api.Response created = admin.post("/api/v1/users",
				Map.of("username", name, "password", "password-" + name, "role", role));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asLong();
	}

	/** A personal API token of the session's own user, made with that user's password. */
	private long createToken(Session session) {
		Api.Response created = new Api(baseUrl(), json).basic(session.username, String.valueOf(session.password))
			.post("/api/v1/tokens", Map.of("name", unique("matrix")));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().at("/details/id").asLong();
	}

	// ---- a browser's session, reduced to its cookie and CSRF token

	static final class Session {

		private final String baseUrl;

		private final @Nullable String username;

		private @Nullable String password;

		private @Nullable String sessionCookie;

		private String csrf = "";

		private Session(String baseUrl, @Nullable String username, @Nullable String password) {
			this.baseUrl = baseUrl;
			this.username = username;
			this.password = password;
		}

		/** A visitor who opened the login page: a session and its CSRF token, nobody logged in. */
		static Session anonymous(String baseUrl) {
			Session session = new Session(baseUrl, null, null);
			session.csrf = csrfToken(session.send("GET", "/login", Map.of()));
			return session;
		}

		/** Logs in through the login form, as a browser does, and picks up the new session's CSRF token. */
		static Session logIn(String baseUrl, String username, String password) {
			Session session = anonymous(baseUrl);
			HttpResponse<String> login = session.send("POST", "/login",
					Map.of("username", username, "password", password));
			assertThat(login.statusCode()).as("login of " + username).isEqualTo(302);
			assertThat(locationPath(login)).as("login of " + username).isEqualTo("/");
			Session loggedIn = new Session(baseUrl, username, password);
			loggedIn.sessionCookie = session.sessionCookie;
			loggedIn.csrf = csrfToken(loggedIn.send("GET", "/account", Map.of()));
			return loggedIn;
		}

		/** Sends a request with the session cookie; a POST carries the form and the CSRF token. */
		HttpResponse<String> send(String method, String path, Map<String, String> form) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
				.timeout(Duration.ofSeconds(30))
				.header("Accept", "text/html");
			if (sessionCookie != null) {
				request.header("Cookie", "JSESSIONID=" + sessionCookie);
			}
			if (method.equals("POST")) {
				Map<String, String> body = new LinkedHashMap<>(form);
				body.put("_csrf", csrf);
				request.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(urlEncoded(body)));
			}
			else {
				request.method(method, HttpRequest.BodyPublishers.noBody());
			}
			try {
				HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
				response.headers()
					.allValues("Set-Cookie")
					.stream()
					.filter(cookie -> cookie.startsWith("JSESSIONID="))
					.findFirst()
					.ifPresent(cookie -> sessionCookie = cookie.substring("JSESSIONID=".length(), cookie.indexOf(';')));
				return response;
			}
			catch (IOException ex) {
				throw new IllegalStateException(method + " " + path + " failed", ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		private static String csrfToken(HttpResponse<String> page) {
			assertThat(page.statusCode()).as("the page that carries the CSRF token").isEqualTo(200);
			Matcher input = CSRF_INPUT.matcher(page.body());
			assertThat(input.find()).as("a _csrf field on " + page.uri()).isTrue();
			Matcher value = VALUE.matcher(input.group());
			assertThat(value.find()).as("the value of the _csrf field on " + page.uri()).isTrue();
			return value.group(1);
		}

		private static String urlEncoded(Map<String, String> form) {
			return form.entrySet()
				.stream()
				.map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
						+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
		}

	}

}
