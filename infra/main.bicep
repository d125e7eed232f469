// Gremienbot on Azure: Table Storage, a Linux App Service on Node 22 LTS, a user-assigned
// managed identity (it authenticates the bot, reads/writes the tables and reads Key Vault),
// a Key Vault holding the one secret the bot needs (the key that signs download links,
// generated at deployment), and the Azure Bot registration with the Teams channel.
// App settings hold no secret in plain text: FILES_SIGNING_SECRET is a Key Vault reference
// that the App Service resolves with the managed identity.
// Application Insights (local auth off, the identity publishes), alert rules and an action group.
// Deploy: `azd up` (azure.yaml), or az deployment group create -g <rg> -f infra/main.bicep -p name=<prefix> …
// Not exercised by CI (no Azure access there); see infra/README.md.

@description('Short prefix for resource names, lower case letters and digits')
@minLength(3)
@maxLength(11)
param name string

@description('Region for all resources')
param location string = resourceGroup().location

@description('Tenant ids allowed to talk to the bot, comma-separated (defaults to this tenant)')
param allowedTenantIds string = subscription().tenantId

@description('The first SPK person of every body: their e-mail (user principal name) or Entra object id. More SPK people are added in Teams by an SPK member (approval for the SPK office), or here comma-separated as "<body id or *>:<e-mail or object id>".')
@minLength(3)
param firstSpk string

@description('People who may create working groups in any district (gremium anlegen), comma-separated e-mails or Entra object ids; empty: only the SPK of a district creates them there.')
param bodyAdmins string = ''

@description('Who is alerted when the bot is unhealthy, fails to send or file, or answers with server errors: an e-mail address (the operations team\'s mailbox).')
@minLength(3)
param alertEmail string

@description('The signing key for download links; leave the default: a new random key (two GUIDs, 72 characters) is generated at each deployment and stored only in Key Vault. Links live 15 minutes, so a new key only ends links issued before the deployment.')
@secure()
param filesSigningSecret string = '${newGuid()}${newGuid()}'

var storageName = '${name}store${uniqueString(resourceGroup().id)}'
var vaultName = take('${name}kv${uniqueString(resourceGroup().id)}', 24)
var siteName = '${name}-bot-${uniqueString(resourceGroup().id)}'
var tableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-identity'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take(storageName, 24)
  location: location
  sku: { name: 'Standard_ZRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource tableRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, tableDataContributor)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', tableDataContributor)
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource filesSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'files-signing-secret'
  properties: { value: filesSigningSecret }
}

resource vaultRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, keyVaultSecretsUser)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
  }
}

// Telemetry: Application Insights on a Log Analytics workspace (90 days, as docs/privacy.md says).
// Local authentication is off: the bot sends with its managed identity (Monitoring Metrics Publisher).
resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 90
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
    RetentionInDays: 90
  }
}

resource telemetryRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: appInsights
  name: guid(appInsights.id, identity.id, monitoringMetricsPublisher)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-plan'
  location: location
  kind: 'linux'
  sku: { name: 'B1' }
  properties: { reserved: true }
}

resource web 'Microsoft.Web/sites@2023-12-01' = {
  name: siteName
  location: location
  // azd deploys the code to the resource with this tag (azure.yaml).
  tags: { 'azd-service-name': 'bot' }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  dependsOn: [vaultRole, telemetryRole]
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references are resolved with the bot's managed identity.
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      alwaysOn: true
      healthCheckPath: '/healthz'
      appCommandLine: 'node dist/src/main.js'
      appSettings: [
        { name: 'NODE_ENV', value: 'production' }
        // Inside the App Service container the platform's front end forwards to this port.
        { name: 'HOST', value: '0.0.0.0' }
        { name: 'PORT', value: '8080' }
        { name: 'WEBSITES_PORT', value: '8080' }
        { name: 'CLIENT_ID', value: identity.properties.clientId }
        { name: 'MANAGED_IDENTITY_CLIENT_ID', value: identity.properties.clientId }
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'TENANT_ID', value: subscription().tenantId }
        { name: 'ALLOWED_TENANT_IDS', value: allowedTenantIds }
        { name: 'SECRETARIAT_MEMBERS', value: contains(firstSpk, ':') ? firstSpk : '*:${firstSpk}' }
        { name: 'BODIES_DIR', value: 'bodies' }
        { name: 'BODY_ADMINS', value: bodyAdmins }
        { name: 'GROUP_DRIVE', value: 'graph' }
        { name: 'STORAGE_ACCOUNT_URL', value: storage.properties.primaryEndpoints.table }
        { name: 'PUBLIC_BASE_URL', value: 'https://${siteName}.azurewebsites.net' }
        { name: 'FILES_SIGNING_SECRET', value: '@Microsoft.KeyVault(SecretUri=${filesSecret.properties.secretUriWithVersion})' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
        // The Teams public-cloud connector (the default, stated so a review sees it).
        { name: 'ALLOWED_SERVICE_URLS', value: 'https://smba.trafficmanager.net/' }
      ]
    }
  }
}

// Alerts, to the operator's action group: the health check failing (the scheduler probe is part
// of /healthz: no pass for three intervals), sends or filings failing, server errors.
resource alerts 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${name}-alerts'
  location: 'global'
  properties: {
    groupShortName: take('${name}bot', 12)
    enabled: true
    emailReceivers: [
      { name: 'operators', emailAddress: alertEmail, useCommonAlertSchema: true }
    ]
  }
}

resource unhealthyAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${name}-unhealthy'
  location: 'global'
  properties: {
    description: 'The health check (/healthz: storage and the scheduler) fails'
    severity: 1
    enabled: true
    scopes: [web.id]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'healthCheck'
          metricName: 'HealthCheckStatus'
          operator: 'LessThan'
          threshold: 100
          timeAggregation: 'Average'
        }
      ]
    }
    actions: [{ actionGroupId: alerts.id }]
  }
}

resource serverErrorAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${name}-5xx'
  location: 'global'
  properties: {
    description: 'The bot answers with server errors (more than 5 in 5 minutes)'
    severity: 2
    enabled: true
    scopes: [web.id]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'http5xx'
          metricName: 'Http5xx'
          operator: 'GreaterThan'
          threshold: 5
          timeAggregation: 'Total'
        }
      ]
    }
    actions: [{ actionGroupId: alerts.id }]
  }
}

resource failureAlert 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = {
  name: '${name}-send-or-filing-failed'
  location: location
  kind: 'LogAlert'
  properties: {
    description: 'A notification failed or may not have arrived, a filing in the group drive failed, or a scheduler pass failed'
    severity: 2
    enabled: true
    scopes: [appInsights.id]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: 'customMetrics | where name in ("gremienbot.notifications", "gremienbot.filings", "gremienbot.scheduler.passes") | where tostring(customDimensions.outcome) in ("failed", "unknown") | summarize failures = sum(valueSum)'
          timeAggregation: 'Total'
          metricMeasureColumn: 'failures'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    actions: { actionGroups: [alerts.id] }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${name}-bot'
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'S1' }
  properties: {
    displayName: 'Gremienbot'
    endpoint: 'https://${web.properties.defaultHostName}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: identity.id
    msaAppTenantId: subscription().tenantId
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true }
  }
}

output botId string = identity.properties.clientId
output BOT_ID string = identity.properties.clientId
output appInsightsName string = appInsights.name
output endpoint string = bot.properties.endpoint
