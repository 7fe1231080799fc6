/** Word lists the demo data set is drawn from: a university's IT Services division. */

export const EMAIL_DOMAIN = 'northfield.edu';

export const GIVEN_NAMES = [
  'Amelia', 'Ben', 'Chloe', 'Daniel', 'Elena', 'Farid', 'Grace', 'Hiro', 'Isla', 'Jonas', 'Kavya', 'Liam',
  'Mia', 'Noah', 'Olivia', 'Priya', 'Quinn', 'Rosa', 'Samuel', 'Tara', 'Umar', 'Vera', 'Wei', 'Ximena',
  'Yusuf', 'Zoe', 'Aisha', 'Bruno', 'Carmen', 'Dmitri', 'Esther', 'Felix', 'Gita', 'Hannah', 'Ivan', 'Julia',
  'Kofi', 'Lena', 'Marco', 'Nadia', 'Oscar', 'Paula', 'Rahul', 'Sofia', 'Tomas', 'Ursula', 'Victor', 'Wanda',
] as const;

export const FAMILY_NAMES = [
  'Adams', 'Baker', 'Chen', 'Diaz', 'Evans', 'Fischer', 'Garcia', 'Hughes', 'Ibrahim', 'Jensen', 'Kowalski',
  'Larsen', 'Martin', 'Nakamura', 'Okafor', 'Patel', 'Quintero', 'Reyes', 'Singh', 'Tanaka', 'Umeh', 'Varga',
  'Walsh', 'Xu', 'Young', 'Zhang', "O'Brien", 'Murphy', 'Novak', 'Rossi', 'Schmidt', 'Silva', 'Kim', 'Lopez',
  'Moreau', 'Nguyen', 'Ortiz', 'Petrov', 'Rahman', 'Sato', 'Torres', 'Weber', 'Haddad', 'Krystof',
] as const;

export interface DepartmentSpec {
  readonly name: string;
  readonly division: string;
  readonly costCenter: string;
  readonly location: string;
  readonly titles: readonly string[];
  readonly assignmentGroup: string;
}

export const DIVISION = 'IT Services';

export const DEPARTMENTS: readonly DepartmentSpec[] = [
  { name: 'Enterprise Applications', division: DIVISION, costCenter: 'CC-4110', location: 'Hollis Hall 3F', assignmentGroup: 'Enterprise Apps Support',
    titles: ['Business Systems Analyst', 'Application Developer', 'Senior Application Developer', 'ERP Functional Lead', 'QA Analyst'] },
  { name: 'Infrastructure & Operations', division: DIVISION, costCenter: 'CC-4120', location: 'Data Centre, Building 12', assignmentGroup: 'Infrastructure Operations',
    titles: ['Systems Engineer', 'Cloud Engineer', 'Senior Systems Engineer', 'Storage Administrator', 'Site Reliability Engineer'] },
  { name: 'Information Security', division: DIVISION, costCenter: 'CC-4130', location: 'Hollis Hall 4F', assignmentGroup: 'Security Operations',
    titles: ['Security Analyst', 'Identity Engineer', 'Senior Security Engineer', 'GRC Analyst'] },
  { name: 'Research Computing', division: DIVISION, costCenter: 'CC-4140', location: 'Science Library B1', assignmentGroup: 'Research Computing',
    titles: ['HPC Engineer', 'Research Software Engineer', 'Data Steward', 'Research Facilitator'] },
  { name: 'Client Services', division: DIVISION, costCenter: 'CC-4150', location: 'Student Centre 1F', assignmentGroup: 'Service Desk',
    titles: ['Service Desk Analyst', 'Desktop Support Technician', 'Senior Service Desk Analyst', 'Knowledge Manager'] },
  { name: 'Data & Analytics', division: DIVISION, costCenter: 'CC-4160', location: 'Hollis Hall 2F', assignmentGroup: 'Data Platform',
    titles: ['Data Engineer', 'BI Developer', 'Data Analyst', 'Senior Data Engineer'] },
  { name: 'Teaching & Learning Technology', division: DIVISION, costCenter: 'CC-4170', location: 'Library Commons', assignmentGroup: 'Learning Technology',
    titles: ['Learning Technologist', 'LMS Administrator', 'AV Engineer', 'Instructional Designer'] },
  { name: 'Networks & Telecommunications', division: DIVISION, costCenter: 'CC-4180', location: 'Building 12 2F', assignmentGroup: 'Network Operations',
    titles: ['Network Engineer', 'Senior Network Engineer', 'Telecom Analyst', 'Wireless Engineer'] },
  { name: 'Portfolio & Architecture', division: DIVISION, costCenter: 'CC-4190', location: 'Hollis Hall 5F', assignmentGroup: 'PMO',
    titles: ['Project Manager', 'Senior Project Manager', 'Enterprise Architect', 'Business Analyst', 'Portfolio Analyst'] },
];

export type Phase = 'INITIATING' | 'PLANNING' | 'EXECUTING' | 'CLOSING' | 'CLOSED';

export interface ProjectSpec {
  readonly key: string;
  readonly name: string;
  readonly category: string;
  readonly department: string;
  readonly description: string;
}

export const PROJECTS: readonly ProjectSpec[] = [
  { key: 'SISR', name: 'Student Information System Replacement', category: 'Enterprise Applications', department: 'Enterprise Applications', description: 'Replace the 20-year-old student records system with a cloud SIS covering admissions, enrolment, grading and graduation.' },
  { key: 'LMSMIG', name: 'Learning Management System Migration', category: 'Teaching & Learning', department: 'Teaching & Learning Technology', description: 'Move all courses from the on-premise LMS to the cloud LMS before the autumn term.' },
  { key: 'IAM', name: 'Identity & Access Management Modernisation', category: 'Security', department: 'Information Security', description: 'Single sign-on, lifecycle provisioning and MFA for every staff and student account.' },
  { key: 'WIFI6', name: 'Campus Wi-Fi 6E Refresh', category: 'Infrastructure', department: 'Networks & Telecommunications', description: 'Replace 2,400 access points in teaching spaces and residences with Wi-Fi 6E.' },
  { key: 'HPC26', name: 'Research HPC Cluster 2026', category: 'Research', department: 'Research Computing', description: 'Procure and commission the next research computing cluster with GPU partitions.' },
  { key: 'DWH', name: 'Enterprise Data Warehouse', category: 'Data & Analytics', department: 'Data & Analytics', description: 'A governed warehouse and semantic layer for institutional reporting.' },
  { key: 'ERPFIN', name: 'Finance ERP Upgrade', category: 'Enterprise Applications', department: 'Enterprise Applications', description: 'Upgrade the finance ERP to the vendor-supported release and retire custom reports.' },
  { key: 'HRPAY', name: 'HR & Payroll Consolidation', category: 'Enterprise Applications', department: 'Enterprise Applications', description: 'Consolidate three payroll instances into one HR and payroll platform.' },
  { key: 'DCEXIT', name: 'Data Centre Exit', category: 'Infrastructure', department: 'Infrastructure & Operations', description: 'Migrate the remaining on-premise workloads to colocation and cloud ahead of the lease end.' },
  { key: 'M365', name: 'Microsoft 365 Tenant Consolidation', category: 'Collaboration', department: 'Infrastructure & Operations', description: 'Merge the staff and student tenants and migrate mailboxes, Teams and OneDrive.' },
  { key: 'SOC', name: 'Security Operations Centre', category: 'Security', department: 'Information Security', description: 'Stand up a 24x7 managed SOC with SIEM and incident response runbooks.' },
  { key: 'ITSM', name: 'IT Service Management Platform Upgrade', category: 'Service Management', department: 'Client Services', description: 'Upgrade the ITSM platform and redesign the service catalogue.' },
  { key: 'LECCAP', name: 'Lecture Capture Expansion', category: 'Teaching & Learning', department: 'Teaching & Learning Technology', description: 'Automated lecture capture in every teaching room over 50 seats.' },
  { key: 'CRM', name: 'Admissions CRM', category: 'Enterprise Applications', department: 'Enterprise Applications', description: 'A CRM for recruitment and admissions, integrated with the SIS.' },
  { key: 'RDM', name: 'Research Data Management Platform', category: 'Research', department: 'Research Computing', description: 'Storage, archiving and publication of research data with DOIs.' },
  { key: 'NETCORE', name: 'Core Network Upgrade', category: 'Infrastructure', department: 'Networks & Telecommunications', description: 'Replace end-of-life core routers and firewalls across both campuses.' },
  { key: 'VOIP', name: 'Teams Phone Migration', category: 'Collaboration', department: 'Networks & Telecommunications', description: 'Retire the PBX and move 6,000 extensions to Teams Phone.' },
  { key: 'BACKUP', name: 'Backup & Recovery Modernisation', category: 'Infrastructure', department: 'Infrastructure & Operations', description: 'Immutable backups and tested recovery for tier-1 systems.' },
  { key: 'PORTAL', name: 'Student Portal Redesign', category: 'Digital Experience', department: 'Enterprise Applications', description: 'A mobile-first student portal with personalised tasks and notifications.' },
  { key: 'TIMETB', name: 'Timetabling System Replacement', category: 'Enterprise Applications', department: 'Enterprise Applications', description: 'Replace the timetabling engine and room booking tools.' },
  { key: 'LIBSYS', name: 'Library Services Platform', category: 'Enterprise Applications', department: 'Enterprise Applications', description: 'Move the library catalogue and circulation to a cloud services platform.' },
  { key: 'PAM', name: 'Privileged Access Management', category: 'Security', department: 'Information Security', description: 'Vaulted, audited admin access for servers, databases and network devices.' },
  { key: 'EDR', name: 'Endpoint Detection & Response Rollout', category: 'Security', department: 'Information Security', description: 'Deploy EDR to every university-managed laptop and server.' },
  { key: 'BIDASH', name: 'Executive BI Dashboards', category: 'Data & Analytics', department: 'Data & Analytics', description: 'Student success and finance dashboards for the senior leadership team.' },
  { key: 'CLOUDLZ', name: 'Cloud Landing Zone', category: 'Infrastructure', department: 'Infrastructure & Operations', description: 'A governed multi-account cloud foundation with guardrails and cost controls.' },
  { key: 'DESK', name: 'Service Desk Consolidation', category: 'Service Management', department: 'Client Services', description: 'Merge the faculty help desks into one service desk with a single phone number.' },
  { key: 'EXAMS', name: 'Online Exams Platform', category: 'Teaching & Learning', department: 'Teaching & Learning Technology', description: 'Secure online assessment with proctoring for 40,000 exam sittings a year.' },
  { key: 'PRINT', name: 'Managed Print Service Renewal', category: 'Infrastructure', department: 'Client Services', description: 'Re-tender and roll out follow-me printing across all libraries.' },
  { key: 'GRANTS', name: 'Research Grants Management', category: 'Research', department: 'Research Computing', description: 'Pre- and post-award grant management integrated with finance.' },
  { key: 'ACCESS', name: 'Digital Accessibility Remediation', category: 'Digital Experience', department: 'Teaching & Learning Technology', description: 'Bring public websites and course templates to WCAG 2.2 AA.' },
  { key: 'ZTNA', name: 'Zero Trust Remote Access', category: 'Security', department: 'Information Security', description: 'Replace the legacy VPN with identity-aware access to internal apps.' },
  { key: 'ALUMNI', name: 'Alumni Engagement Platform', category: 'Digital Experience', department: 'Enterprise Applications', description: 'A platform for alumni relations, events and giving.' },
];

export const EPIC_THEMES = [
  'Discovery and requirements', 'Data migration', 'Integration with the SIS', 'Single sign-on', 'Reporting',
  'User acceptance testing', 'Training and communications', 'Cutover and go-live', 'Decommissioning',
  'Security review', 'Accessibility', 'Performance and load testing', 'Vendor onboarding', 'Hypercare',
];

export const ISSUE_VERBS = [
  'Configure', 'Migrate', 'Document', 'Test', 'Review', 'Automate', 'Design', 'Build', 'Validate', 'Decommission',
  'Integrate', 'Harden', 'Tune', 'Upgrade', 'Train staff on',
];

export const ISSUE_OBJECTS = [
  'the enrolment feed', 'SAML metadata for the IdP', 'the nightly batch jobs', 'course shells for 2027', 'the API gateway routes',
  'role mappings', 'the data retention policy', 'the firewall rules for the new VLAN', 'the reporting views', 'the service catalogue entries',
  'monitoring alerts', 'the backup schedule', 'the vendor SSO connector', 'student email aliases', 'the disaster recovery runbook',
  'the grading integration', 'accessibility findings', 'the load test scenarios', 'the cutover checklist', 'the knowledge articles',
];

export const INCIDENT_SUBJECTS = [
  'Users unable to log in', 'Slow response times', 'Integration job failed', 'Error 500 on submission', 'Sync delayed by several hours',
  'Certificate expired', 'Wi-Fi dropping in lecture theatre', 'Report shows wrong totals', 'Email delivery delayed', 'MFA prompts looping',
  'Storage volume near capacity', 'Batch job timed out', 'Page not loading on mobile', 'Duplicate records created',
];

export const CHANGE_SUBJECTS = [
  'Apply vendor patch', 'Deploy release', 'Firewall rule change', 'Database upgrade', 'Certificate renewal', 'Configuration change',
  'Capacity increase', 'Failover test', 'DNS cut-over', 'Decommission legacy server',
];

export const REQUEST_SUBJECTS = [
  'New account access', 'Role change', 'Test environment request', 'Report access', 'Software install', 'Data extract',
  'Shared mailbox', 'API key request',
];

export const PROBLEM_SUBJECTS = [
  'Recurring login failures', 'Intermittent integration timeouts', 'Memory leak in application tier', 'Repeated storage alerts',
  'Unexplained batch slowdowns', 'Recurring sync conflicts',
];

export const LABELS = ['security', 'compliance', 'data', 'integration', 'ux', 'infrastructure', 'tech-debt', 'vendor', 'accessibility', 'quick-win'];
