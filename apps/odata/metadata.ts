import type { Table } from './tables';

/** The schema namespace and entity container of the views' $metadata. */
export const NAMESPACE = 'PmoGraph';

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const description = (text: string) => `<Annotation Term="Core.Description" String="${xml(text)}"/>`;

/**
 * CSDL (OData v4 XML) for the tables: one entity type per table keyed by `Id`, every property with its EDM
 * type and a Core.Description, which Power BI, Excel and Tableau show as column descriptions.
 */
export function metadataDocument(tables: readonly Table[]): string {
  const types = tables.map(
    (t) => `      <EntityType Name="${t.entityType}">
        <Key><PropertyRef Name="Id"/></Key>
${t.columns
  .map((c) => `        <Property Name="${c.name}" Type="${c.type}" Nullable="${c.name === 'Id' ? 'false' : 'true'}">${description(c.description)}</Property>`)
  .join('\n')}
        ${description(t.description)}
      </EntityType>`,
  );
  const sets = tables.map((t) => `        <EntitySet Name="${t.name}" EntityType="${NAMESPACE}.${t.entityType}">${description(t.description)}</EntitySet>`);
  return `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0">
  <edmx:Reference Uri="https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml">
    <edmx:Include Namespace="Org.OData.Core.V1" Alias="Core"/>
  </edmx:Reference>
  <edmx:DataServices>
    <Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="${NAMESPACE}">
${types.join('\n')}
      <EntityContainer Name="${NAMESPACE}">
${sets.join('\n')}
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
`;
}

/** The service document: the entity sets, each with its URL relative to the service root. */
export function serviceDocument(serviceRoot: string, tables: readonly Table[]): Record<string, unknown> {
  return {
    '@odata.context': `${serviceRoot}$metadata`,
    value: tables.map((t) => ({ name: t.name, kind: 'EntitySet', url: t.name })),
  };
}
