package io.tfmesh.system.security;

import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
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
	PasswordEncoder passwordEncoder() {
		return new BCryptPasswordEncoder();
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokenAuthenticator tokens, JsonMapper json) throws Exception {
		ProblemResponses problems = new ProblemResponses(json);
		http.securityMatcher("/api/**", "/actuator/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.httpBasic(basic -> basic.realmName("tfmesh").authenticationEntryPoint(problems.unauthenticated()))
			.addFilterBefore(new BearerTokenFilter(tokens, problems.unauthenticated()), BasicAuthenticationFilter.class)
			.exceptionHandling(errors -> errors.authenticationEntryPoint(problems.unauthenticated())
				.accessDeniedHandler(problems.forbidden()))
			.authorizeHttpRequests(requests -> requests
				.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
				.requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
				.requestMatchers("/actuator/**").hasRole(ADMIN)
				.requestMatchers("/api/v1/users", "/api/v1/users/**").hasRole(ADMIN)
				.requestMatchers("/api/v1/tokens", "/api/v1/tokens/**").hasRole(VIEWER)
				.requestMatchers(HttpMethod.GET, "/api/**").hasRole(VIEWER)
				.requestMatchers(HttpMethod.HEAD, "/api/**").hasRole(VIEWER)
				.anyRequest().hasRole(OPERATOR));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain dashboardSecurity(HttpSecurity http) throws Exception {
		http.formLogin(login -> login.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
			.logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
			.authorizeHttpRequests(requests -> requests
				.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
				.requestMatchers("/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico", "/error").permitAll()
				.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui/**",
						"/swagger-ui.html")
				.permitAll()
				.requestMatchers("/users", "/users/**").hasRole(ADMIN)
				.requestMatchers("/account", "/account/**").hasRole(VIEWER)
				.requestMatchers("/*/new", "/*/*/edit", "/*/*/delete").hasRole(OPERATOR)
				.requestMatchers(HttpMethod.GET, "/**").hasRole(VIEWER)
				.anyRequest().hasRole(OPERATOR));
		return http.build();
	}

}
