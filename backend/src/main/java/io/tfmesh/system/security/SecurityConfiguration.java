package io.tfmesh.system.security;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two doors: the REST API and Actuator take HTTP Basic or a personal API token on every call
 * and ignore sessions (so no cookie can be replayed against them, and they need no CSRF
 * token); the dashboard uses a form login, a session and CSRF protection.
 * <p>
 * A user holds the authority of its own role only; the {@link RoleHierarchy} says what each
 * role includes, for both filter chains and for {@code @PreAuthorize} on methods.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	static final String VIEWER = "VIEWER";

	static final String OPERATOR = "OPERATOR";

	static final String ADMIN = "ADMIN";

	/**
	 * Scripts and styles from tfmesh's own files only: no inline script, no style attribute (the
	 * pages set computed styles through the DOM), no plugins, no framing, forms post to tfmesh.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	/**
	 * Swagger UI, a third-party page, applies inline styles from its script: it may, but it
	 * still runs only tfmesh's own script files.
	 */
	static final String SWAGGER_UI_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY
		.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

	/** Answered to anybody, without looking at HTTP Basic credentials. */
	static final String[] PUBLIC_API_PATHS = { "/actuator/health", "/actuator/health/**" };

	static final String PERMISSIONS_POLICY = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
			+ "magnetometer=(), microphone=(), payment=(), usb=()";

	/**
	 * An admin may do all an operator may, an operator all a viewer may. Static, so that method
	 * security's infrastructure can use it without creating this configuration early.
	 */
	@Bean
	static RoleHierarchy roleHierarchy() {
		return RoleHierarchyImpl.withDefaultRolePrefix()
			.role(ADMIN).implies(OPERATOR)
			.role(OPERATOR).implies(VIEWER)
			.build();
	}

	@Bean
	PasswordEncoder passwordEncoder(MeterRegistry meters) {
		return new CountingPasswordEncoder(new BCryptPasswordEncoder(), meters);
	}

	/**
	 * Paths anybody may call, such as the health probes of a load balancer: they take no HTTP
	 * Basic credentials at all, so that wrong ones sent there cost no password check. An admin's
	 * API token still shows the health details.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain publicApiSecurity(HttpSecurity http, ApiTokenAuthenticator tokens, JsonMapper json,
			LoginAttempts attempts) throws Exception {
		ProblemResponses problems = new ProblemResponses(json);
		http.securityMatcher(PUBLIC_API_PATHS)
			.headers(SecurityConfiguration::securityHeaders)
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.requestCache(cache -> cache.disable())
			.addFilterBefore(new LoginThrottleFilter(attempts.throttle(), problems), AnonymousAuthenticationFilter.class)
			.addFilterBefore(new BearerTokenFilter(tokens, problems.unauthenticated(), attempts),
					AnonymousAuthenticationFilter.class)
			.exceptionHandling(errors -> errors.authenticationEntryPoint(problems.unauthenticated())
				.accessDeniedHandler(problems.forbidden()))
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
		return http.build();
	}

	@Bean
	AccountSessions accountSessions(UserDetailsService accounts) {
		return new AccountSessions(accounts);
	}

	@Bean
	LoginThrottle loginThrottle(LoginThrottleSettings settings, Clock clock) {
		return new LoginThrottle(settings, clock);
	}

	@Bean
	LoginAttempts loginAttempts(LoginThrottle throttle, ApplicationEventPublisher events) {
		return new LoginAttempts(throttle, events);
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokenAuthenticator tokens, JsonMapper json,
			LoginAttempts attempts, UserDetailsService accounts, PasswordEncoder passwordEncoder,
			BasicCredentialCacheSettings cacheSettings, Clock clock, MeterRegistry meters,
			AuthenticationEventPublisher events) throws Exception {
		ProblemResponses problems = new ProblemResponses(json);
		DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(accounts);
		passwords.setPasswordEncoder(passwordEncoder);
		// the API's own: the dashboard's form login checks its password every time, it happens once a session
		ProviderManager basicLogins = new ProviderManager(
				new VerifiedCredentials(passwords, accounts, cacheSettings, clock, meters));
		basicLogins.setAuthenticationEventPublisher(events);
		http.securityMatcher("/api/**", "/actuator/**")
			.authenticationManager(basicLogins)
			.headers(SecurityConfiguration::securityHeaders)
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.httpBasic(basic -> basic.realmName("tfmesh").authenticationEntryPoint(problems.unauthenticated()))
			.addFilterBefore(new LoginThrottleFilter(attempts.throttle(), problems), BasicAuthenticationFilter.class)
			.addFilterBefore(new BearerTokenFilter(tokens, problems.unauthenticated(), attempts),
					BasicAuthenticationFilter.class)
			.exceptionHandling(errors -> errors.authenticationEntryPoint(problems.unauthenticated())
				.accessDeniedHandler(problems.forbidden()))
			.authorizeHttpRequests(requests -> requests
				.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
				.requestMatchers("/actuator/**").hasRole(ADMIN)
				.requestMatchers("/api/v1/users", "/api/v1/users/**").hasRole(ADMIN)
				.requestMatchers("/api/v1/webhooks", "/api/v1/webhooks/**").hasRole(ADMIN)
				.requestMatchers("/api/v1/tokens", "/api/v1/tokens/**").hasRole(VIEWER)
				.requestMatchers(HttpMethod.GET, "/api/**").hasRole(VIEWER)
				.requestMatchers(HttpMethod.HEAD, "/api/**").hasRole(VIEWER)
				.anyRequest().hasRole(OPERATOR));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain dashboardSecurity(HttpSecurity http, AccountSessions sessions, LoginAttempts attempts)
			throws Exception {
		SavedRequestAwareAuthenticationSuccessHandler toPage = new SavedRequestAwareAuthenticationSuccessHandler();
		toPage.setDefaultTargetUrl("/");
		http.formLogin(login -> login.loginPage("/login").successHandler((request, response, authentication) -> {
			sessions.stamp(request, authentication.getName());
			attempts.formSucceeded(authentication.getName(), request.getRemoteAddr());
			toPage.onAuthenticationSuccess(request, response, authentication);
		}).failureHandler(new LoginFailurePage()).permitAll())
			.addFilterAfter(new SessionAccountFilter(sessions), LogoutFilter.class)
			.addFilterBefore(new LoginThrottleFilter(attempts.throttle()), UsernamePasswordAuthenticationFilter.class)
			.headers(SecurityConfiguration::securityHeaders)
			.logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
			.authorizeHttpRequests(requests -> requests
				.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
				.requestMatchers("/login", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico", "/error")
				.permitAll()
				.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui/**",
						"/swagger-ui.html")
				.permitAll()
				.requestMatchers("/users", "/users/**").hasRole(ADMIN)
				.requestMatchers("/webhooks", "/webhooks/**").hasRole(ADMIN)
				.requestMatchers("/account", "/account/**").hasRole(VIEWER)
				.requestMatchers("/*/new", "/*/*/edit", "/*/*/delete").hasRole(OPERATOR)
				.requestMatchers(HttpMethod.GET, "/**").hasRole(VIEWER)
				.anyRequest().hasRole(OPERATOR));
		return http.build();
	}

	/**
	 * Besides Spring Security's defaults (HSTS among them, on requests that arrived over HTTPS,
	 * also as a TLS-terminating proxy reports them when forwarded headers are trusted).
	 */
	private static void securityHeaders(HeadersConfigurer<HttpSecurity> headers) {
		RequestMatcher swaggerUi = PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui/**");
		headers
			.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(swaggerUi),
					new ContentSecurityPolicyHeaderWriter(CONTENT_SECURITY_POLICY)))
			.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(swaggerUi,
					new ContentSecurityPolicyHeaderWriter(SWAGGER_UI_CONTENT_SECURITY_POLICY)))
			.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
			.permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS_POLICY));
	}

}
