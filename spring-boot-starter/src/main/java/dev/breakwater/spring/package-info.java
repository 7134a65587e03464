/** Spring Boot auto-configuration for Breakwater. */
package dev.breakwater.spring;
